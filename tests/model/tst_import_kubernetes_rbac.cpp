// What the RBAC objects of a Kubernetes input tell the rules: which workloads' service accounts
// some binding names (ORC-13 asks only about the others), and which bindings let a workload read
// every Secret of the cluster (IAM-04 states it instead of asking) (docs/import.md, "RBAC").

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/kubernetesimporter.h"
#include "importfindings.h"
#include "testfiles.h"

#include <QTest>

using namespace bulkhead;
using test::describe;
using test::hasFinding;

namespace {

Result<ImportResult> importFixture(const char *name)
{
    return importKubernetes({test::dataPath(QStringLiteral("import/k8s/") + QString::fromUtf8(name)).toStdString()});
}

const Element *elementNamed(const ThreatModel &model, const std::string &name)
{
    for (const Element &element : model.elements())
        if (element.name == name)
            return &element;
    return nullptr;
}

const Boundary *clusterOf(const ThreatModel &model)
{
    for (const Boundary &boundary : model.boundaries())
        if (boundary.kind == "cluster")
            return &boundary;
    return nullptr;
}

/** The text of a property, "(not set)" when it is absent. */
std::string textProperty(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it == properties.end() || !std::holds_alternative<std::string>(it->second) ? std::string("(not set)")
                                                                                       : std::get<std::string>(it->second);
}

/** The finding of `rule` on `subjectId`, or nothing. */
const Threat *findingOf(const AnalysisResult &analysis, const std::string &rule, const std::string &subjectId)
{
    for (const Threat &threat : analysis.threats)
        if (threat.id() == rule + "@" + subjectId)
            return &threat;
    return nullptr;
}

} // namespace

class TestImportKubernetesRbac : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindingsMarkTheAccountsTheyName()
    {
        const auto result = importFixture("rbac-secret-readers.yaml");
        QVERIFY2(result, result ? "" : result.error().c_str());
        const ThreatModel &model = result->model;
        QCOMPARE(textProperty(elementNamed(model, "controller")->properties, "serviceAccountBound"), std::string("yes"));
        QCOMPARE(textProperty(elementNamed(model, "app")->properties, "serviceAccountBound"), std::string("yes"));
        QCOMPARE(textProperty(elementNamed(model, "worker")->properties, "serviceAccountBound"), std::string("no"));
        QVERIFY2(hasFinding(result->report.mapped, "rbac-secret-readers.yaml:100",
                            "worker: mounts the token of ServiceAccount ops/worker, which no RoleBinding or "
                            "ClusterRoleBinding of the input names: serviceAccountBound no"),
                 describe(result->report.mapped).c_str());
    }

    /** ORC-13's advice, disable the token, is for the workload no binding names. */
    void aBoundAccountSharedByWorkloadsLeavesTheQuestionOpen()
    {
        const auto result = importFixture("rbac-shared-account.yaml");
        QVERIFY2(result, result ? "" : result.error().c_str());
        const ThreatModel &model = result->model;
        QCOMPARE(textProperty(elementNamed(model, "solo")->properties, "serviceAccountBound"), std::string("yes"));
        QCOMPARE(textProperty(elementNamed(model, "worker")->properties, "serviceAccountBound"), std::string("(not set)"));
        QCOMPARE(textProperty(elementNamed(model, "export")->properties, "serviceAccountBound"), std::string("(not set)"));
        QVERIFY2(hasFinding(result->report.mapped, "",
                            "ServiceAccount shop/worker is bound, and 2 containers of the input receive its token"),
                 describe(result->report.mapped).c_str());
        const AnalysisResult analysis = analyzeModel(model, builtInCatalog());
        QVERIFY(!findingOf(analysis, "ORC-13", elementNamed(model, "solo")->id));
        const Threat *borrowed = findingOf(analysis, "ORC-13", elementNamed(model, "export")->id);
        QVERIFY(borrowed);
        QVERIFY(borrowed->needsConfirmation);
    }

    void tokenQuestionOnlyWhereNoBindingNamesTheAccount()
    {
        const auto result = importFixture("rbac-secret-readers.yaml");
        QVERIFY2(result, result ? "" : result.error().c_str());
        const ThreatModel &model = result->model;
        const AnalysisResult analysis = analyzeModel(model, builtInCatalog());
        const Threat *worker = findingOf(analysis, "ORC-13", elementNamed(model, "worker")->id);
        QVERIFY(worker);
        QVERIFY(!worker->needsConfirmation);
        QVERIFY(!findingOf(analysis, "ORC-13", elementNamed(model, "controller")->id));
        QVERIFY(!findingOf(analysis, "ORC-13", elementNamed(model, "app")->id));
    }

    /** Without a Role or binding in the input, whether one names the account is asked. */
    void withoutRbacTheBindingIsAsked()
    {
        const auto result = importFixture("workloads.yaml");
        QVERIFY2(result, result ? "" : result.error().c_str());
        for (const Element &element : result->model.elements())
            if (element.kind == "container")
                QCOMPARE(textProperty(element.properties, "serviceAccountBound"), std::string("(not set)"));
        QCOMPARE(textProperty(clusterOf(result->model)->properties, "secretReadersBroad"), std::string("(not set)"));
    }

    void clusterRoleReadingSecretsAnswersIam04()
    {
        const auto result = importFixture("rbac-secret-readers.yaml");
        QVERIFY2(result, result ? "" : result.error().c_str());
        const Boundary *cluster = clusterOf(result->model);
        QCOMPARE(textProperty(cluster->properties, "secretReadersBroad"), std::string("yes"));
        const std::string reader = "ClusterRoleBinding controller lets ServiceAccount ops/controller get, list or watch every "
                                   "Secret in the cluster through ClusterRole controller (its rule at rbac-secret-readers.yaml:11)";
        QVERIFY2(hasFinding(result->report.flagged, "rbac-secret-readers.yaml:15", reader + ": secretReadersBroad yes"),
                 describe(result->report.flagged).c_str());
        QVERIFY(textProperty(cluster->properties, "notes").find(reader) != std::string::npos);
        // The Role limited to one named Secret is no broad reader.
        QVERIFY(textProperty(cluster->properties, "notes").find("app-config") == std::string::npos);

        const AnalysisResult analysis = analyzeModel(result->model, builtInCatalog());
        const Threat *iam04 = findingOf(analysis, "IAM-04", cluster->id);
        QVERIFY(iam04);
        QVERIFY(!iam04->needsConfirmation);
    }

    void builtInAdminRolesReadSecrets()
    {
        const auto result = importFixture("rbac.yaml");
        QVERIFY2(result, result ? "" : result.error().c_str());
        QCOMPARE(textProperty(clusterOf(result->model)->properties, "secretReadersBroad"), std::string("yes"));
        QVERIFY2(hasFinding(result->report.flagged, "rbac.yaml:9", "through ClusterRole cluster-admin (as Kubernetes defines it)"),
                 describe(result->report.flagged).c_str());
    }

    /** Reading the Secrets of one namespace is not reading the cluster's: IAM-04 stays a question. */
    void namespaceSecretReaderIsNotClusterWide()
    {
        const auto result = importFixture("rbac-namespace-reader.yaml");
        QVERIFY2(result, result ? "" : result.error().c_str());
        QCOMPARE(textProperty(clusterOf(result->model)->properties, "secretReadersBroad"), std::string("(not set)"));
        QCOMPARE(textProperty(elementNamed(result->model, "reader")->properties, "serviceAccountBound"), std::string("yes"));
    }
};

QTEST_GUILESS_MAIN(TestImportKubernetesRbac)
#include "tst_import_kubernetes_rbac.moc"
