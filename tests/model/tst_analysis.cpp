#include "analysis/analysis.h"
#include "analysis/ruletests.h"
#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "report/analysisexport.h"
#include "testcatalog.h"
#include "testfiles.h"

#include <QTest>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

using namespace bulkhead;

namespace {

/** The built-in catalog plus the test rules (ids T-…) of tests/data/rules/analysis-catalog.json. */
const Catalog &testCatalog()
{
    static const Catalog catalog = test::catalogWithTestFile(QStringLiteral("rules/analysis-catalog.json"));
    return catalog;
}

/** Internet user → web container (in host h) → database; model title "Shop". */
ThreatModel shopModel(PropertyMap web = {{"privileged", true}}, PropertyMap host = {})
{
    ThreatModel m;
    m.metadata().title = "Shop";
    m.addBoundary({"net", "internet", "Internet", "", {}, {}});
    m.addBoundary({"h", "host", "Node", "", std::move(host), {}});
    m.addElement({"u", "external-user", "Customer", "net", {}, {}});
    m.addElement({"web", "container", "Web", "h", std::move(web), {}});
    m.addElement({"db", "database", "Orders", "h", {}, {}});
    m.addFlow({"f-in", "orders", "u", "web", false, {{"encrypted", std::string("no")}}, {}});
    m.addFlow({"f-db", "rows", "web", "db", false, {}, {}});
    return m;
}

ThreatModel shopModelWithoutPrivilege()
{
    return shopModel({{"privileged", false}});
}

/** The built-in catalog plus T-SPECIFIC, which supersedes T-GENERIC (rules/supersedes-catalog.json). */
const Catalog &supersedesCatalog()
{
    static const Catalog catalog = test::catalogWithTestFile(QStringLiteral("rules/supersedes-catalog.json"));
    return catalog;
}

/** Two privileged containers; only "both" shares the host's process table. */
ThreatModel supersedesModel()
{
    ThreatModel m;
    m.addBoundary({"h", "host", "Node", "", {}, {}});
    m.addElement({"both", "container", "Both", "h", {{"privileged", true}, {"hostPID", true}}, {}});
    m.addElement({"one", "container", "One", "h", {{"privileged", true}, {"hostPID", false}}, {}});
    m.addFlow({"f", "calls", "both", "one", false, {}, {}});
    return m;
}

std::vector<const Threat *> testThreats(const AnalysisResult &result)
{
    std::vector<const Threat *> mine;
    for (const Threat &t : result.threats) {
        if (t.rule && t.rule->id.rfind("T-", 0) == 0)
            mine.push_back(&t);
    }
    return mine;
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsThreatsAtAllThreeScopes()
    {
        const AnalysisResult result = analyzeModel(shopModel(), testCatalog());
        std::vector<std::string> ids;
        for (const Threat *t : testThreats(result))
            ids.push_back(t->id());
        QCOMPARE(ids, (std::vector<std::string>{"T-ESCAPE@web", "T-PLAIN@f-in", "T-NOVAULT@model"}));
        const Threat *escape = result.findThreat("T-ESCAPE@web");
        QCOMPARE(escape->subjectType, SubjectType::Element);
        QVERIFY(!escape->needsConfirmation); // privileged is definite: "or" is true
        QCOMPARE(result.findThreat("T-PLAIN@f-in")->subjectType, SubjectType::Flow);
        QCOMPARE(result.findThreat("T-NOVAULT@model")->subjectType, SubjectType::Model);
    }

    void anEmptyValueIsSaidInTheExplanation()
    {
        ThreatModel model;
        model.addBoundary(Boundary{"h", "host", "Host", "", {}, {}});
        model.addElement(Element{"web", "container", "Web", "h", {}, {}});
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const ThreatExplainer explainer(model, builtInCatalog());
        int said = 0;
        for (const Threat &t : result.threats) {
            const std::string text = explainer.explanation(t);
            if (text.find("runAsUser") == std::string::npos)
                continue;
            ++said;
            QVERIFY2(text.find("runAsUser = (empty) (default)") != std::string::npos, text.c_str());
            QVERIFY2(text.find("  ") == std::string::npos, text.c_str());
        }
        QVERIFY(said > 0);
    }

    void unknownFiresWithConfirmationAndAsksTheQuestion()
    {
        const ThreatModel model = shopModelWithoutPrivilege();
        const AnalysisResult result = analyzeModel(model, testCatalog());
        const Threat *escape = result.findThreat("T-ESCAPE@web");
        QVERIFY(escape);
        QVERIFY(escape->needsConfirmation);
        const ThreatExplainer explainer(model, testCatalog());
        QVERIFY(explainer.explanation(*escape).find("host.kernelPatched = unknown (default)") != std::string::npos);
        const auto questions = explainer.openQuestions(result);
        const auto it = std::find_if(questions.begin(), questions.end(), [](const OpenQuestion &q) {
            return q.holderId == "h" && q.property == "kernelPatched";
        });
        QVERIFY(it != questions.end());
        QVERIFY(it->threatCount >= 1);
        // Answering it settles the threat.
        const AnalysisResult answered = analyzeModel(
            shopModel({{"privileged", false}}, {{"kernelPatched", std::string("yes")}}), testCatalog());
        QVERIFY(!answered.findThreat("T-ESCAPE@web"));
    }

    void riskContextAndResidual()
    {
        // Reachable from the internet: likelihood 3 → 4 (T-ESCAPE does not declare reachability,
        // so it is raised as before the key existed); impact 3; L4 × I3 = high.
        const AnalysisResult bare = analyzeModel(shopModel(), testCatalog());
        const Threat *escape = bare.findThreat("T-ESCAPE@web");
        QCOMPARE(escape->likelihood, 4);
        QCOMPARE(escape->impact, 3);
        QCOMPARE(escape->severity, Severity::High);
        QCOMPARE(escape->residualSeverity, Severity::High);
        QCOMPARE(escape->riskNotes().size(), std::size_t(1));
        QVERIFY(escape->exposedToInternet);

        // Sensitive data raises impact too.
        const AnalysisResult sensitive = analyzeModel(
            shopModel({{"privileged", true}, {"dataClassification", std::string("restricted")}}), testCatalog());
        QCOMPARE(sensitive.findThreat("T-ESCAPE@web")->impact, 4);

        // Controls in two layers (host: sandbox + patched kernel count once; monitoring) lower
        // residual likelihood two steps: 4 → 2, L2 × I3 = low.
        const AnalysisResult controlled = analyzeModel(
            shopModel({{"privileged", true}, {"runtimeClass", std::string("gvisor")}},
                      {{"kernelPatched", std::string("yes")}, {"runtimeMonitoring", std::string("yes")}}),
            testCatalog());
        const Threat *mitigated = controlled.findThreat("T-ESCAPE@web");
        QVERIFY(mitigated);
        QCOMPARE(mitigated->severity, Severity::High);
        QCOMPARE(mitigated->residualLikelihood, 2);
        QCOMPARE(mitigated->residualSeverity, Severity::Low);
        int implemented = 0;
        for (const MitigationState &m : mitigated->mitigations())
            implemented += m.implemented ? 1 : 0;
        QCOMPARE(implemented, 3);
    }

    void aHostNobodySaidIsInternetFacingIsAskedNotRated()
    {
        // A client outside host h opens a connection to web inside it: whether that client can
        // be anyone on the internet is the host's internetFacing.
        auto model = [](const char *facing, bool webOpens) {
            ThreatModel m;
            PropertyMap host;
            if (facing)
                host["internetFacing"] = std::string(facing);
            m.addBoundary({"h", "host", "Docker host", "", std::move(host), {}});
            m.addElement({"client", "external-user", "Network client", "", {}, {}});
            m.addElement({"web", "container", "Web", "h", {{"privileged", true}}, {}});
            Flow flow{"f", "requests", "client", "web", false, {}, {}};
            flow.initiator = webOpens ? FlowInitiator::Target : FlowInitiator::Source;
            m.addFlow(std::move(flow));
            return m;
        };
        const AnalysisResult unknown = analyzeModel(model("unknown", false), testCatalog());
        const Threat *asked = unknown.findThreat("T-ESCAPE@web");
        QVERIFY(asked);
        QCOMPARE(asked->likelihood, 3); // rated as not exposed until someone says it is …
        QVERIFY(asked->mayBeExposedToInternet && !asked->exposedToInternet);
        QVERIFY(!asked->needsConfirmation); // … the rule's own facts are certain
        const auto notes = asked->riskNotes();
        QVERIFY(std::find(notes.begin(), notes.end(), "likelihood +1 if reachable from the internet (not stated: answer internetFacing)") != notes.end());

        const AnalysisResult answered = analyzeModel(model("yes", false), testCatalog());
        const Threat *yes = answered.findThreat("T-ESCAPE@web");
        QVERIFY(yes->exposedToInternet && !yes->mayBeExposedToInternet && !yes->needsConfirmation);
        QCOMPARE(yes->likelihood, 4);

        const std::vector<std::pair<const char *, bool>> quietCases{{"no", false}, {nullptr, false}, {"unknown", true}};
        for (const auto &[facing, webOpens] : quietCases) {
            const AnalysisResult result = analyzeModel(model(facing, webOpens), testCatalog());
            const Threat *quiet = result.findThreat("T-ESCAPE@web");
            QVERIFY(!quiet->exposedToInternet && !quiet->mayBeExposedToInternet && !quiet->needsConfirmation);
            QCOMPARE(quiet->likelihood, 3);
        }
    }

    void privilegedContainerBreakoutWithTheBuiltInCatalog()
    {
        // A privileged container on a node in a cluster, with the shipped catalog.
        auto model = [](PropertyMap container, PropertyMap host) {
            ThreatModel m;
            m.addBoundary({"k", "cluster", "Cluster", "", {}, {}});
            m.addBoundary({"n", "host", "Node", "k", std::move(host), {}});
            m.addElement({"c", "container", "Agent", "n", std::move(container), {}});
            m.addElement({"d", "database", "Store", "n", {}, {}});
            m.addFlow({"f", "writes", "c", "d", false, {}, {}});
            return m;
        };
        const ThreatModel bare = model({{"privileged", true}}, {});
        const AnalysisResult before = analyzeModel(bare, builtInCatalog());
        const Threat *breakout = nullptr;
        for (const Threat &t : before.threats) {
            // The definite one: privileged is known, so the breakout rule needs no confirmation.
            if (t.rule && t.subjectId == "c" && t.rule->primaryStride() == 'E'
                && std::count(t.rule->sourceRefs.begin(), t.rule->sourceRefs.end(), "E1")
                && t.rule->when.find("privileged") != std::string::npos && !t.needsConfirmation)
                breakout = &t;
        }
        QVERIFY2(breakout, "no elevation-of-privilege breakout threat on the privileged container");
        std::set<DefenseLayer> layers;
        for (const MitigationState &m : breakout->mitigations())
            layers.insert(m.mitigation->layer);
        QVERIFY(layers.size() >= 2);
        const std::string id = breakout->id();
        const Severity inherent = breakout->residualSeverity;

        // Controls in two layers — a sandboxed runtime and runtime detection on the node —
        // leave the container privileged but lower what remains.
        const ThreatModel hardened = model({{"privileged", true}, {"runtimeClass", std::string("gvisor")}},
                                           {{"runtimeMonitoring", std::string("yes")}});
        const AnalysisResult after = analyzeModel(hardened, builtInCatalog());
        const Threat *same = after.findThreat(id);
        QVERIFY(same);
        QCOMPARE(same->severity, breakout->severity);
        QVERIFY(same->residualSeverity < inherent);
        QVERIFY(same->residualLikelihood < breakout->residualLikelihood);
    }

    void severityTable()
    {
        // Every cell is in tst_riskmodel; here the ones the tests above rely on.
        QCOMPARE(severityFor(2, 3), Severity::Low);
        QCOMPARE(severityFor(3, 3), Severity::Medium);
        QCOMPARE(severityFor(4, 3), Severity::High);
        QCOMPARE(severityFor(4, 4), Severity::Critical);
    }

    void outOfScopeElementsProduceNothing()
    {
        // The control: in scope, the same privileged container has its threat.
        const AnalysisResult inScope =
            analyzeModel(shopModel({{"privileged", true}, {"inScope", true}}), testCatalog());
        QVERIFY(inScope.findThreat("T-ESCAPE@web"));

        const AnalysisResult result =
            analyzeModel(shopModel({{"privileged", true}, {"inScope", false}}), testCatalog());
        for (const Threat &t : result.threats)
            QVERIFY2(t.subjectId != "web", t.id().c_str());
        // Only the element left the scope: its flow from an in-scope end is still checked, and
        // it no longer counts as the model's container (T-NOVAULT).
        QStringList ids;
        for (const Threat *t : testThreats(result))
            ids.append(QString::fromStdString(t->id()));
        QCOMPARE(ids.join(QLatin1Char(' ')), QStringLiteral("T-PLAIN@f-in"));
    }

    void registerDecisionsSurviveAndStaleEntriesStay()
    {
        ThreatModel model = shopModel();
        model.setRegisterEntry({"T-ESCAPE@web", ThreatStatus::Accepted, "Runs in a VM sandbox", "ana",
                                Severity::Low, "reviewed 2026-11"});
        model.setRegisterEntry({"T-ESCAPE@gone", ThreatStatus::Mitigated, "element removed", "", {}, ""});
        model.addManualThreat({"manual-1", "Backups on a laptop", "", "I", "db", 2, 4});
        model.setRegisterEntry({"manual-1", ThreatStatus::NeedsInvestigation, "", "bo", {}, ""});

        const AnalysisResult result = analyzeModel(model, testCatalog());
        const Threat *escape = result.findThreat("T-ESCAPE@web");
        QCOMPARE(escape->status, ThreatStatus::Accepted);
        QCOMPARE(escape->justification(), std::string("Runs in a VM sandbox"));
        QCOMPARE(escape->residualSeverity, Severity::Low);
        QVERIFY(escape->severityOverridden);
        QCOMPARE(escape->severity, Severity::High);
        QVERIFY(!escape->isOpen());

        const Threat *manual = result.findThreat("manual-1");
        QVERIFY(manual);
        QCOMPARE(manual->subjectType, SubjectType::Element);
        QCOMPARE(manual->severity, Severity::Medium); // L2 × I4
        QCOMPARE(manual->status, ThreatStatus::NeedsInvestigation);
        QVERIFY(manual->isOpen());

        QCOMPARE(result.staleEntries.size(), std::size_t(1));
        QCOMPARE(result.staleEntries.front().threat, std::string("T-ESCAPE@gone"));

        // The decision stays attached across a re-analysis after an unrelated edit.
        model.findElement("db")->name = "Order history";
        const AnalysisResult again = analyzeModel(model, testCatalog());
        QCOMPARE(again.findThreat("T-ESCAPE@web")->status, ThreatStatus::Accepted);
    }

    void supersededThreatIsHiddenOnItsSubjectOnly()
    {
        const AnalysisResult result = analyzeModel(supersedesModel(), supersedesCatalog());
        std::vector<std::string> ids;
        for (const Threat *t : testThreats(result))
            ids.push_back(t->id());
        // "both" fires both rules and reports only the specific one; on "one" only the
        // generic fires, and the specific one elsewhere does not hide it.
        QCOMPARE(ids, (std::vector<std::string>{"T-SPECIFIC@both", "T-GENERIC@one"}));
        const std::vector<std::string> notes = result.findThreat("T-SPECIFIC@both")->riskNotes();
        QVERIFY(std::find(notes.begin(), notes.end(), "covers T-GENERIC on this subject") != notes.end());
        for (const std::string &note : result.findThreat("T-GENERIC@one")->riskNotes())
            QVERIFY2(note.rfind("covers ", 0) != 0, note.c_str());
    }

    void manualThreatsAreNeverHidden()
    {
        ThreatModel model = supersedesModel();
        model.addManualThreat({"T-GENERIC@both", "Privileged, as the reviewer put it", "", "E", "both", 2, 3});
        const AnalysisResult result = analyzeModel(model, supersedesCatalog());
        const Threat *manual = result.findThreat("T-GENERIC@both");
        QVERIFY(manual);
        QVERIFY(manual->manual);
        QVERIFY(result.findThreat("T-SPECIFIC@both"));
    }

    void registerEntryOfAHiddenThreatIsKeptAsStale()
    {
        // A decision taken before the catalog learnt that T-SPECIFIC covers T-GENERIC: the
        // analysis does not attach it to anything, and keeps it, shown like any stale entry.
        ThreatModel model = supersedesModel();
        model.setRegisterEntry({"T-GENERIC@both", ThreatStatus::Accepted, "Debug pod, removed in March", "ana", {}, ""});
        model.setRegisterEntry({"T-GENERIC@one", ThreatStatus::Mitigated, "Runs in a VM", "bo", {}, ""});
        const AnalysisResult result = analyzeModel(model, supersedesCatalog());
        QCOMPARE(result.staleEntries.size(), std::size_t(1));
        QCOMPARE(result.staleEntries.front().threat, std::string("T-GENERIC@both"));
        QCOMPARE(result.staleEntries.front().justification, std::string("Debug pod, removed in March"));
        QCOMPARE(result.findThreat("T-GENERIC@one")->status, ThreatStatus::Mitigated);
        QCOMPARE(result.findThreat("T-SPECIFIC@both")->status, ThreatStatus::Open);
        const std::string json = analysisToJson(result, model, supersedesCatalog());
        const auto stale = json.rfind("\"staleEntries\"");
        QVERIFY(stale != std::string::npos);
        QVERIFY(json.find("T-GENERIC@both", stale) != std::string::npos);
        // The model itself still holds both decisions.
        QCOMPARE(model.registerEntries().size(), std::size_t(2));
    }

    void supersedesRuleCasesPass()
    {
        // A rule's own "quiet" case holds where the rule fires but a superseding rule hides it.
        for (const char *id : {"T-GENERIC", "T-SPECIFIC"}) {
            const ThreatRule *rule = supersedesCatalog().findThreat(id);
            QVERIFY(rule);
            const auto results = runRuleTests(supersedesCatalog(), *rule);
            QCOMPARE(results.size(), std::size_t(2));
            for (const RuleTestResult &r : results)
                QVERIFY2(r.passed, (r.threatId + " " + r.caseName + ": " + r.failure).c_str());
        }
    }

    void sameInputSameBytes()
    {
        const ThreatModel model = shopModel({{"privileged", false}});
        const std::string first = analysisToJson(analyzeModel(model, testCatalog()), model, testCatalog());
        const std::string second = analysisToJson(analyzeModel(model, testCatalog()), model, testCatalog());
        QCOMPARE(first, second);
        QCOMPARE(analysisToCsv(analyzeModel(model, testCatalog()), model, testCatalog()),
                 analysisToCsv(analyzeModel(model, testCatalog()), model, testCatalog()));
        QCOMPARE(analysisToSarif(analyzeModel(model, testCatalog()), model, testCatalog(), "m.json"),
                 analysisToSarif(analyzeModel(model, testCatalog()), model, testCatalog(), "m.json"));
    }

    void testCatalogOwnCases()
    {
        for (const char *id : {"T-ESCAPE", "T-PLAIN", "T-NOVAULT"}) {
            const ThreatRule *rule = testCatalog().findThreat(id);
            QVERIFY(rule);
            const auto results = runRuleTests(testCatalog(), *rule);
            QVERIFY(results.size() >= 2);
            for (const RuleTestResult &r : results)
                QVERIFY2(r.passed, (r.threatId + " " + r.caseName + ": " + r.failure).c_str());
        }
    }

    void brokenTestCasesFailInsteadOfCrashing()
    {
        ThreatRule rule = *testCatalog().findThreat("T-ESCAPE");
        rule.testsJson = R"([{"name": "typo", "expect": "fires", "properties": {"privilegd": true}},
                             {"name": "bad expect", "expect": "maybe"},
                             {"name": "wrong answer", "expect": "quiet", "properties": {"privileged": true}},
                             {"name": "unknown key", "expect": "fires", "colour": "red"}])";
        const auto results = runRuleTests(testCatalog(), rule);
        QCOMPARE(results.size(), std::size_t(4));
        for (const RuleTestResult &r : results)
            QVERIFY2(!r.passed && !r.failure.empty(), r.caseName.c_str());
        QVERIFY(results[0].failure.find("privilegd") != std::string::npos);
        QVERIFY(results[2].failure.find("expected quiet but got fires") != std::string::npos);
    }

    void aCaseCanSayWhichControlsCountAndTheResidual()
    {
        // A patched kernel is T-ESCAPE's host-layer control: likelihood 3, residual 2.
        ThreatRule rule = *testCatalog().findThreat("T-ESCAPE");
        rule.testsJson = R"([{"name": "right", "expect": "fires", "properties": {"privileged": true},
                              "boundaries": [{"kind": "host", "properties": {"kernelPatched": "yes"}}],
                              "implemented": {"M-TEST-HOST-2": true, "M-TEST-MON": false}, "residualLikelihood": 2},
                             {"name": "wrong control", "expect": "fires", "properties": {"privileged": true},
                              "boundaries": [{"kind": "host", "properties": {"kernelPatched": "yes"}}],
                              "implemented": {"M-TEST-MON": true}},
                             {"name": "wrong residual", "expect": "fires", "properties": {"privileged": true},
                              "boundaries": [{"kind": "host", "properties": {"kernelPatched": "yes"}}],
                              "residualLikelihood": 3},
                             {"name": "quiet", "expect": "quiet", "properties": {"privileged": false},
                              "boundaries": [{"kind": "host", "properties": {"kernelPatched": "yes"}}],
                              "implemented": {"M-TEST-RUNTIME": true}},
                             {"name": "not linked", "expect": "fires", "properties": {"privileged": true},
                              "boundaries": [{"kind": "host", "properties": {"kernelPatched": "yes"}}],
                              "implemented": {"M-NOPE": false}}])";
        const auto results = runRuleTests(testCatalog(), rule);
        QCOMPARE(results.size(), std::size_t(5));
        QVERIFY2(results[0].passed, results[0].failure.c_str());
        for (std::size_t i = 1; i < results.size(); ++i)
            QVERIFY2(!results[i].passed, results[i].caseName.c_str());
        QCOMPARE(results[1].failure, std::string("M-TEST-MON is not implemented"));
        QCOMPARE(results[2].failure, std::string("residual likelihood 2, expected 3"));
        QVERIFY2(results[3].failure.find("need a case that fires") != std::string::npos, results[3].failure.c_str());
        QVERIFY2(results[4].failure.find("does not link M-NOPE") != std::string::npos, results[4].failure.c_str());
    }

    void mitigationsPastTheImplementedMaskCountAsNotImplemented()
    {
        // A catalog refuses threats with more links than the mask has bits; a rule built in
        // code is not checked, and reading its 65th link shifted a 64-bit mask by 64.
        ThreatRule rule = *testCatalog().findThreat("T-ESCAPE");
        rule.mitigations.resize(maxMitigationsPerThreat + 1, rule.mitigations.front());
        Threat threat;
        threat.rule = &rule;
        threat.implementedMask = ~std::uint64_t(0);
        const std::vector<MitigationState> states = threat.mitigations();
        QCOMPARE(states.size(), maxMitigationsPerThreat + 1);
        QVERIFY(states[maxMitigationsPerThreat - 1].implemented);
        QVERIFY(!states[maxMitigationsPerThreat].implemented);
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
