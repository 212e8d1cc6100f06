#include "catalog/catalog.h"
#include "testfiles.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace bulkhead;

class TestCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInHasEveryDesignKind_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("role");
        const std::vector<std::pair<const char *, std::vector<const char *>>> design{
            {"external-entity", {"external-user", "operator", "external-system"}},
            {"process", {"container", "container-runtime", "orchestrator-api", "node-agent",
                         "ci-pipeline", "ingress", "service-mesh-proxy", "process"}},
            {"data-store", {"registry", "secrets-store", "cluster-store", "database", "cache",
                            "volume", "log-store", "message-queue", "data-store"}},
            {"boundary", {"internet", "cloud-account", "cluster", "namespace", "host",
                          "container-network", "trust-zone"}},
        };
        for (const auto &[role, kinds] : design) {
            for (const char *kind : kinds)
                QTest::newRow(kind) << QString::fromUtf8(kind) << QString::fromUtf8(role);
        }
    }

    void builtInHasEveryDesignKind()
    {
        QFETCH(QString, kind);
        QFETCH(QString, role);
        const ElementKind *found = builtInCatalog().findKind(kind.toStdString());
        QVERIFY2(found, qPrintable(kind));
        QCOMPARE(QString::fromUtf8(elementRoleKey(found->role)), role);
        QVERIFY(!found->displayName.empty());
        QVERIFY(!found->description.empty());
        QVERIFY(!found->icon.empty());
    }

    void everyPropertyIsDocumentedAndHasAValidDefault()
    {
        const Catalog &catalog = builtInCatalog();
        std::set<PropertyType> typesSeen;
        auto check = [&](const PropertySpec &spec, const std::string &owner) {
            const std::string where = owner + "." + spec.name;
            QVERIFY2(spec.checkValue(spec.defaultValue).empty(), where.c_str());
            QVERIFY2(!spec.description.empty(), where.c_str());
            QVERIFY2(!spec.defaultNote.empty(), where.c_str());
            typesSeen.insert(spec.type);
        };
        for (const ElementKind &kind : catalog.elementKinds()) {
            QVERIFY2(!catalog.propertiesOf(kind).empty(), kind.id.c_str());
            for (const PropertySpec *spec : catalog.propertiesOf(kind))
                check(*spec, kind.id);
        }
        for (const PropertySpec &spec : catalog.flowProperties())
            check(spec, "flow");
        // The schema language is only proven if the catalog actually uses all of it.
        QCOMPARE(typesSeen.size(), std::size_t(6));
    }

    void builtInIsCompiledIn()
    {
        // Run from an unrelated directory: the catalog must not be read from disk.
        QTemporaryDir elsewhere;
        const QString previous = QDir::currentPath();
        QDir::setCurrent(elsewhere.path());
        const Catalog &catalog = builtInCatalog();
        QDir::setCurrent(previous);
        QVERIFY(!catalog.sources().empty());
        QCOMPARE(catalog.sources().front().rfind("built-in:", 0), std::size_t(0));
    }

    void findPropertyFallsBackToTheRoleCommons()
    {
        const Catalog &catalog = builtInCatalog();
        const ElementKind *container = catalog.findKind("container");
        const ElementKind *host = catalog.findKind("host");
        QVERIFY(container && host);
        const PropertySpec *privileged = catalog.findProperty(*container, "privileged");
        QVERIFY(privileged);
        QCOMPARE(privileged->type, PropertyType::Bool);
        QCOMPARE(std::get<bool>(privileged->defaultValue), false);
        QVERIFY(catalog.findProperty(*container, "inScope")); // common element property
        QVERIFY(!catalog.findProperty(*host, "privileged"));  // another kind's property
        QVERIFY(!catalog.findProperty(*container, "noSuchProperty"));
        const PropertySpec *patched = catalog.findProperty(*host, "kernelPatched");
        QVERIFY(patched);
        QCOMPARE(patched->type, PropertyType::Tri);
        QCOMPARE(std::get<std::string>(patched->defaultValue), std::string("unknown"));
        QVERIFY(catalog.findFlowProperty("protocol"));
        QVERIFY(!catalog.findFlowProperty("privileged"));
    }

    void extraCatalogAddsAndOverrides()
    {
        const QString path = test::dataPath(QStringLiteral("catalog/overlay.json"));
        auto merged = loadCatalogWithExtras({path.toStdString()});
        QVERIFY2(merged, merged.error().c_str());
        const Catalog &base = builtInCatalog();
        QCOMPARE(merged->elementKinds().size(), base.elementKinds().size() + 1);
        const ElementKind *added = merged->findKind("gpu-node");
        QVERIFY(added);
        QCOMPARE(added->role, ElementRole::Boundary);
        const ElementKind *overridden = merged->findKind("cache");
        QVERIFY(overridden);
        QCOMPARE(overridden->displayName, std::string("In-memory cache (site policy)"));
        const PropertySpec *auth = merged->findProperty(*overridden, "authRequired");
        QVERIFY(auth);
        QCOMPARE(std::get<std::string>(auth->defaultValue), std::string("no"));
        // Updating a kind keeps the properties the overlay does not mention.
        QVERIFY(merged->findProperty(*overridden, "product"));
        QCOMPARE(merged->propertiesOf(*overridden).size(),
                 base.propertiesOf(*base.findKind("cache")).size());
        QCOMPARE(merged->sources().back(), path.toStdString());
        // The built-in catalog itself is untouched.
        QVERIFY(!base.findKind("gpu-node"));
    }

    void badCatalogsAreRefusedWithAPlace_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(name) << QString::fromUtf8(expected);
        };
        row("unknown-type.json", ":7:32: elementKinds[0].properties[0].type: unknown property type \"boolean\"");
        row("enum-default-not-in-values.json", "elementKinds[0].properties[0].default: default expects a, b or c but the value is \"d\"");
        row("duplicate-kind.json", "elementKinds[1].id: duplicate kind \"thing\"");
        row("duplicate-property.json", "elementKinds[0].properties[1].name: duplicate property \"x\"");
        row("shadows-common.json", "redeclares the common property \"notes\"");
        row("unknown-role.json", "elementKinds[0].role: unknown role \"actor\"");
        row("wrong-format.json", "format: this is not a Bulkhead catalog");
        row("tri-with-values.json", "a tri property has the fixed values yes, no, unknown");
        row("unknown-key.json", "elementKinds[0].colour: unknown key \"colour\"");
        row("truncated.json", "invalid JSON");
        row("number-out-of-range.json", ":3:81: number 1e999 is out of range");
        row("supersedes-empty-id.json", ":22:9: threats[0].supersedes[0]: threat id must not be empty");
        row("unknown-evidence.json", ":11:19: mitigations[0].evidence: unknown evidence \"manual\" (expected model or process)");
        row("process-with-check.json", "mitigations[0].implementedWhen: a process control has no implementedWhen: the model cannot show it");
        row("link-unknown-evidence.json", "threats[0].mitigations[0].evidence: unknown evidence \"reviewed\" (expected model or process)");
        row("reachability-unknown-value.json",
            ":18:23: threats[0].reachability: unknown reachability \"sometimes\" (expected raises-likelihood or irrelevant)");
        row("path-list-relative.json", "pathLists[0].paths[0].path: a path list holds absolute paths in normal form, not \"etc/ssh\"");
        row("path-list-duplicate.json", "pathLists[1].id: duplicate path list \"site-paths\"");
    }

    void badCatalogsAreRefusedWithAPlace()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString path = test::dataPath(QStringLiteral("catalog/bad/") + file);
        const auto result = readCatalogFile(path.toStdString());
        QVERIFY(!result);
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(path + QLatin1Char(':')), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
        // Loading on top of the built-in catalog fails the same way, naming the file.
        const auto withExtras = loadCatalogWithExtras({path.toStdString()});
        QVERIFY(!withExtras);
        QCOMPARE(QString::fromStdString(withExtras.error()), message);
    }

    void threatLinkingMoreMitigationsThanTheAnalysisCountsIsRefused()
    {
        // Found by fuzzing (tests/fuzz/corpus/fuzz_catalog): the analysis keeps a threat's
        // implemented mitigations in 64 bits, and the 65th link shifted past them.
        const std::string path = test::dataPath(QStringLiteral("catalog/bad/too-many-mitigations.json")).toStdString();
        const CatalogLoad load = loadCatalog({path});
        QVERIFY(!load.catalog);
        QCOMPARE(load.errors.size(), std::size_t(1));
        QCOMPARE(load.errors.front(), path + ": threat MANY-01: mitigations: a threat links at most 64 mitigations, not 65");
    }

    void aThreatCannotGiveAProcessControlACheck()
    {
        // A process control is one the model cannot show; a check on one link would contradict it.
        const std::string path = test::dataPath(QStringLiteral("catalog/lint/process-link-with-global-process.json")).toStdString();
        const CatalogLoad load = loadCatalog({path});
        QVERIFY(!load.catalog);
        QCOMPARE(load.errors.size(), std::size_t(1));
        QCOMPARE(load.errors.front(), path + ": threat SITE-02: mitigation M-SITE-REVIEWED: implementedWhen: a process control has no check (from " + path + "); drop the check or the mitigation's \"evidence\"");
    }

    void supersedesProblemsNameTheFileAndTheThreat_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(name) << QString::fromUtf8(expected);
        };
        row("unknown-id.json", ": threat SITE-01: supersedes: unknown threat \"NOPE-99\"");
        row("self.json", ": threat SITE-01: supersedes: a threat cannot supersede itself");
        row("cycle.json", ": threat SITE-03: supersedes: cycle SITE-01 -> SITE-02 -> SITE-03 -> SITE-01 (a threat cannot hide one that hides it)");
        row("other-scope.json", ": threat SITE-01: supersedes: SUP-10 never applies to the same subject (it has model scope, this one element)");
        row("no-common-kind.json", ": threat SITE-01: supersedes: RUN-21 never applies to the same subject (no kind in common)");
        row("listed-twice.json", ": threat SITE-01: supersedes: \"IMG-02\" is listed twice");
    }

    void supersedesProblemsNameTheFileAndTheThreat()
    {
        // Checked when the files are merged (finalize), so each is one line naming the file
        // and the threat, like the other catalog errors.
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const std::string path = test::dataPath(QStringLiteral("catalog/supersedes/") + file).toStdString();
        QVERIFY(readCatalogFile(path));
        const CatalogLoad load = loadCatalog({path});
        QVERIFY(!load.catalog);
        QCOMPARE(load.errors.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(load.errors.front()), QString::fromStdString(path) + expected);
    }

    void supersedesResolveAcrossFiles()
    {
        // SITE-02 arrives in the second file: ids are resolved after every file is merged.
        const std::string first = test::dataPath(QStringLiteral("catalog/supersedes/split-first.json")).toStdString();
        const std::string second = test::dataPath(QStringLiteral("catalog/supersedes/split-second.json")).toStdString();
        const CatalogLoad load = loadCatalog({first, second});
        QVERIFY2(load.catalog, load.errors.empty() ? "" : load.errors.front().c_str());
        const ThreatRule *site = load.catalog->findThreat("SITE-01");
        QCOMPARE(site->supersededRules, (std::vector<const ThreatRule *>{load.catalog->findThreat("SITE-02")}));
        // Alone, the first file names a threat that does not exist.
        QVERIFY(!loadCatalog({first}).catalog);
    }

    void replacingAThreatReplacesItsSupersedes()
    {
        const ThreatRule *builtIn = builtInCatalog().findThreat("RUN-05");
        QCOMPARE(builtIn->supersedes, (std::vector<std::string>{"IMG-02"}));
        QCOMPARE(builtIn->supersededRules.front(), builtInCatalog().findThreat("IMG-02"));
        const std::string path = test::dataPath(QStringLiteral("catalog/supersedes/replace-run05.json")).toStdString();
        const CatalogLoad load = loadCatalog({path});
        QVERIFY2(load.catalog, load.errors.empty() ? "" : load.errors.front().c_str());
        const ThreatRule *replaced = load.catalog->findThreat("RUN-05");
        QCOMPARE(replaced->title, std::string("Root in the container is root on the host (site wording)"));
        QVERIFY(replaced->supersedes.empty());
        QVERIFY(replaced->supersededRules.empty());
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
