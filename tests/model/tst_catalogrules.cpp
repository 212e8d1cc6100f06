#include "analysis/ruletests.h"
#include "catalog/catalog.h"

#include <QTest>

#include <map>
#include <set>

using namespace bulkhead;

/**
 * The built-in catalog held to its coverage targets, and every threat's own test cases run
 * through the real analysis (one row per threat).
 */
class TestCatalogRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyThreatPassesItsOwnCases_data()
    {
        QTest::addColumn<QString>("threat");
        for (const ThreatRule &rule : builtInCatalog().threats())
            QTest::newRow(rule.id.c_str()) << QString::fromStdString(rule.id);
    }

    void everyThreatPassesItsOwnCases()
    {
        QFETCH(QString, threat);
        const ThreatRule *rule = builtInCatalog().findThreat(threat.toStdString());
        QVERIFY(rule);
        const auto results = runRuleTests(builtInCatalog(), *rule);
        bool fires = false;
        bool quiet = false;
        for (const RuleTestResult &r : results) {
            QVERIFY2(r.passed, (r.caseName + ": " + r.failure).c_str());
            fires = fires || r.expected == "fires" || r.expected == "confirm";
            quiet = quiet || r.expected == "quiet";
        }
        QVERIFY2(fires && quiet, "needs a case that fires and one that stays quiet");
    }

    void coverageTargets()
    {
        const Catalog &catalog = builtInCatalog();
        QVERIFY(catalog.threats().size() >= 100);
        QVERIFY(catalog.mitigations().size() >= 60);

        std::map<char, int> primary;
        std::set<RuleScope> scopes;
        int multiLayer = 0;
        int twoReferenceKinds = 0;
        std::set<std::string> labels;
        for (const ThreatRule &t : catalog.threats()) {
            ++primary[t.primaryStride()];
            scopes.insert(t.scope);
            std::set<DefenseLayer> layers;
            for (const MitigationLink &link : t.mitigations) {
                QVERIFY(link.mitigation);
                layers.insert(link.mitigation->layer);
            }
            QVERIFY2(!layers.empty(), t.id.c_str());
            multiLayer += layers.size() >= 2 ? 1 : 0;
            std::set<std::string> sources;
            for (const Reference &r : t.references)
                sources.insert(r.source);
            twoReferenceKinds += sources.size() >= 2 ? 1 : 0;
            // A label counts where its category is one of the threat's: the article files user
            // namespaces (S3) under spoofing, RUN-05 rates the same risk elevation first.
            for (const std::string &label : t.sourceRefs) {
                if (t.stride.find(label.front()) != std::string::npos)
                    labels.insert(label);
            }
        }
        for (const char letter : std::string("STRIDE"))
            QVERIFY2(primary[letter] >= 10, std::string(1, letter).c_str());
        QCOMPARE(scopes.size(), std::size_t(3));
        const double total = static_cast<double>(catalog.threats().size());
        QVERIFY2(multiLayer / total >= 0.70, std::to_string(multiLayer / total).c_str());
        QVERIFY2(twoReferenceKinds / total >= 0.90, std::to_string(twoReferenceKinds / total).c_str());
        const std::set<std::string> article{"S1", "S2", "S3", "T1", "T2", "T3", "T4", "T5", "T6",
                                            "R1", "I1", "I2", "I3", "D1", "D2", "D3", "E1", "E2"};
        QCOMPARE(labels, article);

        std::map<DefenseLayer, int> perLayer;
        for (const Mitigation &m : catalog.mitigations())
            ++perLayer[m.layer];
        for (const DefenseLayer layer : allDefenseLayers)
            QVERIFY2(perLayer[layer] >= 5, std::string(defenseLayerKey(layer)).c_str());
    }

    void referencesCarryVersions()
    {
        for (const ThreatRule &t : builtInCatalog().threats()) {
            for (const Reference &r : t.references) {
                if (r.source.rfind("cis-", 0) == 0 || r.source.rfind("owasp-", 0) == 0)
                    QVERIFY2(!r.version.empty(), (t.id + " " + r.id).c_str());
                if (r.source == "cwe")
                    QVERIFY2(r.id.rfind("CWE-", 0) == 0, (t.id + " " + r.id).c_str());
                if (r.source == "capec")
                    QVERIFY2(r.id.rfind("CAPEC-", 0) == 0, (t.id + " " + r.id).c_str());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCatalogRules)
#include "tst_catalogrules.moc"
