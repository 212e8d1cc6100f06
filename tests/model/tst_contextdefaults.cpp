#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "catalog/propertysheet.h"
#include "core/contextdefaults.h"
#include "core/threatmodel.h"
#include "report/reportmodel.h"

#include <QTest>

#include <set>
#include <string>

using namespace bulkhead;

namespace {

/** Rules that only Kubernetes gives a container: service-account tokens (IAM-13, ORC-13). */
const std::set<std::string> kubernetesOnlyRules = {"IAM-13", "ORC-13"};

Boundary boundary(const char *id, const char *kind, const char *parent = "",
                  PropertyMap properties = {})
{
    return Boundary{id, kind, std::string("The ") + id, parent, std::move(properties), {}};
}

Element element(const char *id, const char *kind, const char *boundaryId,
                PropertyMap properties = {})
{
    return Element{id, kind, std::string("The ") + id, boundaryId, std::move(properties), {}};
}

/** A container "web" on a host "h" with nothing said about its platform. */
ThreatModel plainDockerHost()
{
    ThreatModel model;
    model.addBoundary(boundary("h", "host"));
    model.addElement(element("web", "container", "h"));
    return model;
}

/** A container "web" in namespace "ns" on node "node" in cluster "c". */
ThreatModel kubernetesCluster()
{
    ThreatModel model;
    model.addBoundary(boundary("c", "cluster"));
    model.addBoundary(boundary("node", "host", "c"));
    model.addBoundary(boundary("ns", "namespace", "node"));
    model.addElement(element("web", "container", "ns"));
    return model;
}

std::set<std::string> rulesOn(const ThreatModel &model, const std::string &subject)
{
    std::set<std::string> rules;
    for (const Threat &t : analyzeModel(model, builtInCatalog()).threats)
        if (t.rule && t.subjectId == subject)
            rules.insert(t.rule->id);
    return rules;
}

std::string platformOf(const ThreatModel &model, const char *id)
{
    const std::optional<ContextDefault> assumed =
        contextDefault(model, *model.findElement(id), "platform");
    return assumed ? std::get<std::string>(assumed->value) : std::string("(kind's default)");
}

bool firesAny(const std::set<std::string> &rules, const std::set<std::string> &of)
{
    for (const std::string &rule : of)
        if (rules.contains(rule))
            return true;
    return false;
}

} // namespace

class TestContextDefaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dockerHostMeansDocker()
    {
        QCOMPARE(platformOf(plainDockerHost(), "web"), std::string("docker"));
    }

    void clusterOrNamespaceMeansKubernetes()
    {
        QCOMPARE(platformOf(kubernetesCluster(), "web"), std::string("kubernetes"));
        ThreatModel namespaceOnly;
        namespaceOnly.addBoundary(boundary("ns", "namespace"));
        namespaceOnly.addElement(element("web", "container", "ns"));
        QCOMPARE(platformOf(namespaceOnly, "web"), std::string("kubernetes"));
    }

    void hostSaysHowItRuns()
    {
        ThreatModel node;
        node.addBoundary(boundary("h", "host", "", {{"nodeRole", std::string("worker")}}));
        node.addElement(element("web", "container", "h"));
        QCOMPARE(platformOf(node, "web"), std::string("kubernetes"));

        ThreatModel podman = plainDockerHost();
        podman.addElement(element("rt", "container-runtime", "h",
                                  {{"product", std::string("podman")}}));
        QCOMPARE(platformOf(podman, "web"), std::string("podman"));

        ThreatModel swarm;
        swarm.addBoundary(boundary("c", "cluster", "", {{"orchestrator", std::string("swarm")}}));
        swarm.addElement(element("web", "container", "c"));
        QCOMPARE(platformOf(swarm, "web"), std::string("docker"));
    }

    void nothingAroundKeepsTheKindsDefault()
    {
        ThreatModel loose;
        loose.addElement(element("web", "container", ""));
        QCOMPARE(platformOf(loose, "web"), std::string("(kind's default)"));
        QVERIFY(firesAny(rulesOn(loose, "web"), kubernetesOnlyRules));
    }

    void plainDockerModelGetsNoKubernetesOnlyThreats()
    {
        const std::set<std::string> rules = rulesOn(plainDockerHost(), "web");
        QVERIFY(!rules.empty());
        for (const std::string &rule : kubernetesOnlyRules)
            QVERIFY2(!rules.contains(rule), rule.c_str());
        // Docker applies its default seccomp profile: no "unconfined seccomp" finding.
        QVERIFY(!rules.contains("RUN-08"));
    }

    void kubernetesModelStillGetsThem()
    {
        const std::set<std::string> rules = rulesOn(kubernetesCluster(), "web");
        // ORC-13 asks the same of the token as IAM-13 does, and is superseded by it here.
        QVERIFY(rules.contains("IAM-13"));
        QVERIFY(rules.contains("RUN-08"));
    }

    void explicitValueWins()
    {
        ThreatModel model = plainDockerHost();
        model.findElement("web")->properties["platform"] = std::string("kubernetes");
        QVERIFY(firesAny(rulesOn(model, "web"), kubernetesOnlyRules));
        QVERIFY(assumedDefaults(model, *model.findElement("web")).empty());

        ThreatModel cluster = kubernetesCluster();
        cluster.findElement("web")->properties["platform"] = std::string("docker");
        QVERIFY(!firesAny(rulesOn(cluster, "web"), kubernetesOnlyRules));
        // Docker stated by hand: its seccomp default follows.
        const auto assumed = assumedDefaults(cluster, *cluster.findElement("web"));
        QCOMPARE(assumed.size(), std::size_t(1));
        QCOMPARE(assumed.front().first, std::string("seccompProfile"));
    }

    void explanationSaysWhatWasAssumed()
    {
        const ThreatModel model = plainDockerHost();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const ThreatExplainer explainer(model, builtInCatalog());
        QVERIFY(!result.threats.empty());
        for (const Threat &t : result.threats) {
            if (t.subjectId != "web" || !t.rule)
                continue;
            const std::string text = explainer.explanation(t);
            QVERIFY2(text.find("platform = docker (assumed: inside host \u201cThe h\u201d") != std::string::npos,
                     text.c_str());
        }
    }

    void propertySheetShowsTheSameDefault()
    {
        const ThreatModel model = plainDockerHost();
        const PropertySheet sheet(builtInCatalog(), model, {"web"});
        const SheetRow *row = sheet.findRow("platform");
        QVERIFY(row);
        const SheetRowState state = sheet.state(*row);
        QVERIFY(state.showsDefault(*row));
        QCOMPARE(state.defaultValue, std::optional<PropertyValue>(std::string("docker")));
        QVERIFY2(state.defaultNote.find("inside host") != std::string::npos,
                 state.defaultNote.c_str());
        QCOMPARE(sheet.effectiveValue(0, "seccompProfile"),
                 std::optional<PropertyValue>(std::string("runtimeDefault")));

        const ThreatModel cluster = kubernetesCluster();
        const PropertySheet clusterSheet(builtInCatalog(), cluster, {"web"});
        QCOMPARE(clusterSheet.effectiveValue(0, "platform"),
                 std::optional<PropertyValue>(std::string("kubernetes")));
        QCOMPARE(clusterSheet.effectiveValue(0, "seccompProfile"),
                 std::optional<PropertyValue>(std::string("unconfined")));
    }

    void reportAppendixSaysWhatWasAssumed()
    {
        const ThreatModel model = plainDockerHost();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-01-01");
        bool found = false;
        for (const AppendixEntry &entry : report.appendix) {
            if (entry.id != "web")
                continue;
            for (const AppendixProperty &p : entry.properties)
                if (p.name == "platform")
                    found = p.value.starts_with("docker (assumed: inside host");
        }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestContextDefaults)
#include "tst_contextdefaults.moc"
