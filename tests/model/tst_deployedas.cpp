// Elements that are two kinds at once: a database deployed as a container gets the container's
// rules and properties besides its own (docs/catalog-format.md, "Deployed as").

#include "analysis/analysis.h"
#include "analysis/ruletests.h"
#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "catalog/deployment.h"
#include "catalog/propertysheet.h"
#include "core/threatmodel.h"
#include "import/composeimporter.h"
#include "import/deployedrole.h"
#include "import/importresult.h"
#include "import/kubernetesimporter.h"
#include "layout/graphvizlayoutengine.h"
#include "testcatalog.h"
#include "testfiles.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>

using namespace bulkhead;

namespace {

bool hasThreat(const AnalysisResult &result, const std::string &ruleId, const std::string &subject)
{
    return std::any_of(result.threats.begin(), result.threats.end(), [&](const Threat &t) {
        return t.rule && t.rule->id == ruleId && t.subjectId == subject;
    });
}

bool appliesTo(const Threat &threat, const std::string &kind)
{
    const auto &kinds = threat.rule->appliesTo;
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

/** Some threat on the subject comes from a rule for `kind` and not for `notKind`. */
bool hasThreatOfKind(const AnalysisResult &result, const std::string &subject, const std::string &kind,
                     const std::string &notKind)
{
    return std::any_of(result.threats.begin(), result.threats.end(), [&](const Threat &t) {
        return t.rule && t.subjectId == subject && appliesTo(t, kind) && !appliesTo(t, notKind);
    });
}

/** An app container calling a privileged, unauthenticated database in a container and a native one. */
ThreatModel twoDatabases()
{
    ThreatModel m;
    m.addBoundary({"h", "host", "Node", "", {}, {}});
    m.addElement({"app", "container", "App", "h", {}, {}});
    m.addElement({"db", "database", "Orders", "h",
                  {{"deployedAs", std::string("container")}, {"privileged", true}, {"authRequired", std::string("no")}},
                  {}});
    m.addElement({"native", "database", "Billing", "h", {{"authRequired", std::string("no")}}, {}});
    m.addFlow({"f-db", "rows", "app", "db", false, {}, {}});
    m.addFlow({"f-native", "rows", "app", "native", false, {}, {}});
    return m;
}

std::vector<std::string> errorsOf(const std::vector<Diagnostic> &diagnostics, const std::string &subject)
{
    std::vector<std::string> found;
    for (const Diagnostic &d : diagnostics)
        if (d.subject == subject && d.severity == DiagnosticSeverity::Error)
            found.push_back(d.code + ": " + d.message);
    return found;
}

/** Loads the built-in catalog with one extra file holding `text`; the load's errors. */
std::vector<std::string> loadErrors(const std::string &text)
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("extra.json")).toStdString();
    std::ofstream(path) << text;
    return loadCatalog({path}).errors;
}

std::string catalogWithKinds(const std::string &kinds)
{
    return R"({"format": "bulkhead-catalog", "formatVersion": 1, "id": "extra", "elementKinds": [)" + kinds + "]}";
}

bool anyContains(const std::vector<std::string> &lines, const std::string &fragment)
{
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string &line) { return line.find(fragment) != std::string::npos; });
}

std::string joinedLines(const std::vector<std::string> &lines)
{
    std::string text;
    for (const std::string &line : lines)
        text += line + "\n";
    return text;
}

void checkBothKindsOfThreats(const ImportResult &imported, const std::string &id, const std::string &kind)
{
    const Element *element = imported.model.findElement(id);
    QVERIFY2(element, id.c_str());
    QCOMPARE(element->kind, kind);
    const auto deployed = element->properties.find("deployedAs");
    QVERIFY(deployed != element->properties.end());
    QCOMPARE(std::get<std::string>(deployed->second), std::string("container"));
    const bool invalid = std::any_of(imported.report.validation.begin(), imported.report.validation.end(),
                                     [&id](const std::string &line) {
                                         return line.starts_with("error") && line.find("(" + id + ")") != std::string::npos;
                                     });
    QVERIFY2(!invalid, joinedLines(imported.report.validation).c_str());
    const AnalysisResult result = analyzeModel(imported.model, builtInCatalog());
    QVERIFY2(hasThreatOfKind(result, id, "container", kind), (id + ": no container threat").c_str());
    QVERIFY2(hasThreatOfKind(result, id, kind, "container"), (id + ": no " + kind + " threat").c_str());
}

} // namespace

class TestDeployedAs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theCatalogGivesDeployableKindsTheChoice()
    {
        const Catalog &catalog = builtInCatalog();
        const ElementKind *database = catalog.findKind("database");
        QVERIFY(database);
        const PropertySpec *spec = catalog.findProperty(*database, "deployedAs");
        QVERIFY(spec);
        QCOMPARE(spec->values, (std::vector<std::string>{"native", "container"}));
        QCOMPARE(spec->defaultValue, PropertyValue(std::string("native")));
        QVERIFY(!catalog.findProperty(*catalog.findKind("container"), "deployedAs"));
        // Container properties belong to a database only when it runs in one.
        QVERIFY(!catalog.findElementProperty(*database, {}, "privileged"));
        QVERIFY(catalog.findElementProperty(*database, {{"deployedAs", std::string("container")}}, "privileged"));
        QVERIFY(!catalog.findElementProperty(*database, {{"deployedAs", std::string("native")}}, "privileged"));
    }

    void aContainerisedDatabaseGetsBothKindsOfThreats()
    {
        const AnalysisResult result = analyzeModel(twoDatabases(), builtInCatalog());
        QVERIFY(hasThreat(result, "RUN-01", "db"));  // a container rule
        QVERIFY(hasThreat(result, "RUN-17", "db"));  // a database rule
        QVERIFY(hasThreat(result, "RUN-17", "native"));
        QVERIFY(hasThreatOfKind(result, "db", "container", "database"));
        QVERIFY(!hasThreatOfKind(result, "native", "container", "database"));
    }

    void rulesSeeTheDeployedKindEverywhere()
    {
        // model.count, model.any, flow ends, hasFlowFrom, kind and the container's defaults.
        const Catalog catalog = test::catalogWithTestFile(QStringLiteral("rules/deployed-catalog.json"));
        for (const char *id : {"T-DEP-MODEL", "T-DEP-FLOW", "T-DEP-KIND"}) {
            const ThreatRule *rule = catalog.findThreat(id);
            QVERIFY(rule);
            for (const RuleTestResult &r : runRuleTests(catalog, *rule))
                QVERIFY2(r.passed, (r.threatId + " / " + r.caseName + ": " + r.failure).c_str());
        }
    }

    void theValidatorAcceptsContainerPropertiesOnlyWhenDeployedAsOne()
    {
        ThreatModel model = twoDatabases();
        QVERIFY2(errorsOf(validateModel(model, builtInCatalog()), "db").empty(),
                 joinedLines(errorsOf(validateModel(model, builtInCatalog()), "db")).c_str());
        model.findElement("native")->properties["privileged"] = true;
        const std::vector<std::string> native = errorsOf(validateModel(model, builtInCatalog()), "native");
        QVERIFY2(anyContains(native, "unknown-property") && anyContains(native, "deployed as a container"),
                 joinedLines(native).c_str());
        model.findElement("db")->properties["deployedAs"] = std::string("vm");
        QVERIFY(anyContains(errorsOf(validateModel(model, builtInCatalog()), "db"), "property-type"));
    }

    void catalogErrorsNameBothKinds()
    {
        const auto clash = loadErrors(catalogWithKinds(
            R"({"id": "appliance", "role": "process", "deployableAs": ["container"],
                "properties": [{"name": "privileged", "type": "string", "default": ""}]})"));
        QVERIFY2(anyContains(clash, "kind appliance") && anyContains(clash, "in kind container")
                     && anyContains(clash, "\"privileged\""),
                 joinedLines(clash).c_str());
        const auto unknown = loadErrors(catalogWithKinds(
            R"({"id": "appliance", "role": "process", "deployableAs": ["vm"]})"));
        QVERIFY2(anyContains(unknown, "deployableAs: unknown kind \"vm\""), joinedLines(unknown).c_str());
        const auto boundary = loadErrors(catalogWithKinds(
            R"({"id": "appliance", "role": "process", "deployableAs": ["host"]})"));
        QVERIFY2(anyContains(boundary, "boundary kind"), joinedLines(boundary).c_str());
        const auto chained = loadErrors(catalogWithKinds(
            R"({"id": "appliance", "role": "process", "deployableAs": ["database"]})"));
        QVERIFY2(anyContains(chained, "one step only"), joinedLines(chained).c_str());
        const auto declared = loadErrors(catalogWithKinds(
            R"({"id": "appliance", "role": "process",
                "properties": [{"name": "deployedAs", "type": "string", "default": ""}]})"));
        QVERIFY2(anyContains(declared, "comes from \"deployableAs\""), joinedLines(declared).c_str());
        // Same type and values: fine, and the kind's own default comes first.
        const auto same = loadErrors(catalogWithKinds(
            R"({"id": "appliance", "role": "process", "deployableAs": ["container"],
                "properties": [{"name": "privileged", "type": "bool", "default": true, "descriptive": true}]})"));
        QVERIFY2(same.empty(), joinedLines(same).c_str());
    }

    void thePropertySheetGroupsByKind()
    {
        const ThreatModel model = twoDatabases();
        const PropertySheet deployed(builtInCatalog(), model, {"db"});
        const SheetRow *privileged = deployed.findRow("privileged");
        QVERIFY(privileged);
        QVERIFY(privileged->fromKind);
        QCOMPARE(privileged->fromKind->id, std::string("container"));
        QCOMPARE(privileged->section, SheetSection::Kind);
        const SheetRow *auth = deployed.findRow("authRequired");
        QVERIFY(auth && auth->fromKind);
        QCOMPARE(auth->fromKind->id, std::string("database"));
        const SheetRow *choice = deployed.findRow("deployedAs");
        QVERIFY(choice && choice->fromKind);
        QCOMPARE(choice->fromKind->id, std::string("database"));
        const SheetRow *image = deployed.findRow("image.ref");
        QVERIFY(image && image->fromKind);
        QCOMPARE(image->section, SheetSection::Prefix);
        QCOMPARE(image->fromKind->id, std::string("container"));
        // A container's default that its place decides holds for a containerised database too:
        // on a host outside any cluster Docker runs it with its default seccomp profile.
        QCOMPARE(deployed.state(*deployed.findRow("seccompProfile")).value,
                 std::optional<PropertyValue>(std::string("runtimeDefault")));

        const PropertySheet native(builtInCatalog(), model, {"native"});
        QVERIFY(!native.findRow("privileged"));
        QVERIFY(native.findRow("deployedAs"));
        QVERIFY(native.shapeKey() != deployed.shapeKey());
        // A container and a containerised database share the container's rows.
        const PropertySheet both(builtInCatalog(), model, {"app", "db"});
        QVERIFY(both.findRow("privileged"));
        // authRequired is a container's row too now; bindAll is the database's alone.
        QVERIFY(both.findRow("authRequired"));
        QVERIFY(!both.findRow("bindAll"));
    }

    void goingNativeOrphansOnlyTheContainersValues()
    {
        const Catalog &catalog = builtInCatalog();
        const ElementKind &database = *catalog.findKind("database");
        const PropertyMap deployed{{"deployedAs", std::string("container")},
                                   {"privileged", true},
                                   {"image.ref", std::string("postgres:16")},
                                   {"authRequired", std::string("no")},
                                   {"notes", std::string("kept")}};
        auto orphaned = propertiesOrphanedBy(catalog, database, deployed, "deployedAs",
                                             PropertyValue(std::string("native")));
        std::sort(orphaned.begin(), orphaned.end());
        QCOMPARE(orphaned, (std::vector<std::string>{"image.ref", "privileged"}));
        QCOMPARE(propertiesOrphanedBy(catalog, database, deployed, "deployedAs", std::nullopt).size(), std::size_t(2));
        QVERIFY(propertiesOrphanedBy(catalog, database, deployed, "authRequired", std::nullopt).empty());
        QVERIFY(propertiesOrphanedBy(catalog, database, deployed, "deployedAs",
                                     PropertyValue(std::string("container")))
                    .empty());
    }

    void theEditorOffersTheRoleOfAWellKnownImage()
    {
        Element container{"pg", "container", "pg", "", {{"image.ref", std::string("docker.io/library/postgres:16@sha256:ab")}}, {}};
        const auto offer = offeredRole(builtInCatalog(), container);
        QVERIFY(offer);
        QCOMPARE(offer->kind, std::string("database"));
        QCOMPARE(offer->product, std::string("postgres"));
        QCOMPARE(offer->image, std::string("postgres"));
        // A registry host with a port is not taken for a tag.
        container.properties["image.ref"] = std::string("localhost:5000/team/postgres:16");
        QCOMPARE(offeredRole(builtInCatalog(), container)->image, std::string("postgres"));
        container.properties["image.ref"] = std::string("registry.example.com/shop/api:1");
        QVERIFY(!offeredRole(builtInCatalog(), container));
        Element database{"db", "database", "db", "", {{"image.ref", std::string("postgres:16")}}, {}};
        QVERIFY(!offeredRole(builtInCatalog(), database)); // only a plain container is offered one
    }

    void composePostgresAndRedisGetBothKindsOfThreats()
    {
        const std::string dir = "import/compose/web-stack/";
        auto imported = importCompose({test::dataPath(QString::fromStdString(dir + "compose.yml")).toStdString(),
                                       test::dataPath(QString::fromStdString(dir + "compose.override.yml")).toStdString()},
                                      {});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*imported, builtInCatalog(), layout);
        checkBothKindsOfThreats(*imported, "db", "database");
        checkBothKindsOfThreats(*imported, "cache", "cache");
        // Container settings the importer read stay on the element.
        const Element *db = imported->model.findElement("db");
        QVERIFY(db->properties.count("image.ref") == 1);
        const auto &mapped = imported->report.mapped;
        QVERIFY(std::any_of(mapped.begin(), mapped.end(), [](const ImportFinding &f) {
            return f.text.find("service db → database deployed as a container (well-known image postgres:16.4)")
                       != std::string::npos
                   && f.where.find("compose.yml:") != std::string::npos;
        }));
    }

    void kubernetesPostgresAndRedisGetBothKindsOfThreats()
    {
        auto imported = importKubernetes({test::dataPath(QStringLiteral("import/k8s/data-services.yaml")).toStdString()});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*imported, builtInCatalog(), layout);
        checkBothKindsOfThreats(*imported, "orders-db", "database");
        checkBothKindsOfThreats(*imported, "sessions", "cache");
        const Element *db = imported->model.findElement("orders-db");
        QVERIFY(db->properties.count("tags") == 0); // no more "database:postgres" tag
        QVERIFY(hasThreat(analyzeModel(imported->model, builtInCatalog()), "RUN-01", "orders-db"));
        const auto &mapped = imported->report.mapped;
        QVERIFY(std::any_of(mapped.begin(), mapped.end(), [](const ImportFinding &f) {
            return f.text.find("→ database deployed as a container (well-known image postgres:16.4)") != std::string::npos
                   && f.where.find("data-services.yaml:16") != std::string::npos;
        }));
    }
};

QTEST_GUILESS_MAIN(TestDeployedAs)
#include "tst_deployedas.moc"
