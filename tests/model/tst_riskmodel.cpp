// The risk model of docs/risk-model.md: the likelihood × impact matrix, the per-rule
// reachability flag, and the cap on findings that rest on unknown values.
#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "core/displaynames.h"
#include "core/threatmodel.h"
#include "testfiles.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace bulkhead;

namespace {

/** The built-in catalog plus T-EXPOSED, T-LOCAL and T-UNPATCHED (rules/risk-catalog.json). */
const Catalog &riskCatalog()
{
    static const Catalog catalog = [] {
        CatalogLoad load = loadCatalog({test::dataPath(QStringLiteral("rules/risk-catalog.json")).toStdString()});
        if (!load.catalog)
            qFatal("%s", load.errors.front().c_str());
        return std::move(*load.catalog);
    }();
    return catalog;
}

/**
 * A privileged container "web" on host "h"; with `fromInternet`, a customer in the internet
 * boundary calls it. `kernelPatched` is the host's property ("unknown" leaves it unset).
 */
ThreatModel webModel(bool fromInternet, const std::string &kernelPatched = "yes")
{
    ThreatModel m;
    PropertyMap host;
    if (kernelPatched != "unknown")
        host["kernelPatched"] = kernelPatched;
    m.addBoundary({"net", "internet", "Internet", "", {}, {}});
    m.addBoundary({"h", "host", "Node", "", std::move(host), {}});
    m.addElement({"u", "external-user", "Customer", fromInternet ? "net" : "h", {}, {}});
    m.addElement({"web", "container", "Web", "h", {{"privileged", true}}, {}});
    m.addFlow({"f-in", "orders", "u", "web", false, {}, {}});
    return m;
}

bool hasNote(const Threat &threat, const std::string &text)
{
    const auto notes = threat.riskNotes();
    return std::find(notes.begin(), notes.end(), text) != notes.end();
}

} // namespace

class TestRiskModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matrixCells_data()
    {
        QTest::addColumn<int>("likelihood");
        QTest::addColumn<int>("impact");
        QTest::addColumn<int>("expected");
        // The table of docs/risk-model.md, row by row.
        const Severity table[4][4] = {
            {Severity::Low, Severity::Low, Severity::Low, Severity::Medium},
            {Severity::Low, Severity::Low, Severity::Low, Severity::Medium},
            {Severity::Low, Severity::Low, Severity::Medium, Severity::High},
            {Severity::Low, Severity::Medium, Severity::High, Severity::Critical},
        };
        for (int l = 1; l <= 4; ++l) {
            for (int i = 1; i <= 4; ++i) {
                QTest::addRow("L%d I%d", l, i) << l << i << int(table[l - 1][i - 1]);
            }
        }
        // Out-of-range ratings (a hand-edited manual threat) take the nearest row and column.
        QTest::addRow("L0 I5 clamps to L1 I4") << 0 << 5 << int(Severity::Medium);
        QTest::addRow("L9 I9 clamps to L4 I4") << 9 << 9 << int(Severity::Critical);
    }

    void matrixCells()
    {
        QFETCH(int, likelihood);
        QFETCH(int, impact);
        QFETCH(int, expected);
        QCOMPARE(int(severityFor(likelihood, impact)), expected);
    }

    void everyLevelIsReachableAndCriticalNeedsBothAtTheTop()
    {
        std::set<Severity> seen;
        for (int l = 1; l <= 4; ++l) {
            for (int i = 1; i <= 4; ++i) {
                seen.insert(severityFor(l, i));
                QCOMPARE(severityFor(l, i) == Severity::Critical, l == 4 && i == 4);
                // Monotone: more likely or more harmful is never rated lower.
                if (l > 1)
                    QVERIFY(severityFor(l - 1, i) <= severityFor(l, i));
                if (i > 1)
                    QVERIFY(severityFor(l, i - 1) <= severityFor(l, i));
            }
        }
        QCOMPARE(seen.size(), std::size_t(4));
    }

    void reachabilityRaisesOnlyTheThreatsThatDeclareIt()
    {
        const AnalysisResult exposed = analyzeModel(webModel(true), riskCatalog());
        const Threat *network = exposed.findThreat("T-EXPOSED@web");
        const Threat *local = exposed.findThreat("T-LOCAL@web");
        QVERIFY(network && local);
        QCOMPARE(network->likelihood, 4);
        QVERIFY(network->exposedToInternet);
        QVERIFY(hasNote(*network, "likelihood +1: reachable from the internet"));
        QCOMPARE(network->severity, Severity::Critical);
        // Same rule, same ratings, same internet-facing container: not raised.
        QCOMPARE(local->likelihood, 3);
        QVERIFY(!local->exposedToInternet);
        QVERIFY(local->riskNotes().empty());
        QCOMPARE(local->severity, Severity::High);

        // The control: off the internet, the raising threat keeps its catalog likelihood.
        const AnalysisResult internal = analyzeModel(webModel(false), riskCatalog());
        QCOMPARE(internal.findThreat("T-EXPOSED@web")->likelihood, 3);
        QVERIFY(!internal.findThreat("T-EXPOSED@web")->exposedToInternet);
    }

    void theReviewsNonNetworkThreatsAreNotRaised()
    {
        // The precision review found the internet +1 on these, which need no network path.
        for (const char *id : {"IMG-04", "IMG-05", "IMG-07", "SUP-08", "HOST-02"}) {
            const ThreatRule *rule = builtInCatalog().findThreat(id);
            QVERIFY2(rule, id);
            QVERIFY2(rule->reachability == Reachability::Irrelevant, id);
        }
        // An unauthenticated data service is the textbook case of the boost.
        QVERIFY(builtInCatalog().findThreat("RUN-17")->reachability == Reachability::RaisesLikelihood);
    }

    void everyBuiltInThreatDeclaresReachability()
    {
        for (const ThreatRule &rule : builtInCatalog().threats())
            QVERIFY2(rule.reachabilityDeclared, rule.id.c_str());
    }

    void theKeyLoadsAndDefaultsToTheOldBehaviour()
    {
        QCOMPARE(riskCatalog().findThreat("T-LOCAL")->reachability, Reachability::Irrelevant);
        QVERIFY(riskCatalog().findThreat("T-LOCAL")->reachabilityDeclared);
        // A catalog written before the key loads as before: raised, but not declared (lint fails).
        const auto undeclared = loadCatalogWithExtras({
            test::dataPath(QStringLiteral("rules/reachability-undeclared.json")).toStdString()});
        QVERIFY(undeclared);
        const ThreatRule *rule = undeclared->findThreat("SITE-02");
        QVERIFY(rule);
        QCOMPARE(rule->reachability, Reachability::RaisesLikelihood);
        QVERIFY(!rule->reachabilityDeclared);
    }

    void unconfirmedFindingIsCappedUntilConfirmed()
    {
        // L4 × I4 is critical, but the host's patch level is unknown.
        const AnalysisResult open = analyzeModel(webModel(false, "unknown"), riskCatalog());
        const Threat *unknown = open.findThreat("T-UNPATCHED@web");
        QVERIFY(unknown);
        QVERIFY(unknown->needsConfirmation);
        QCOMPARE(unknown->likelihood, 4);
        QCOMPARE(unknown->impact, 4);
        QCOMPARE(unknown->severity, Severity::High);
        QCOMPARE(unknown->residualSeverity, Severity::High);
        QVERIFY(unknown->severityCapped);
        QVERIFY(unknown->severityIsUpperBound());
        QCOMPARE(severityText(unknown->severity, unknown->severityIsUpperBound()), std::string("up to High"));
        QVERIFY(hasNote(*unknown, "up to High until confirmed: Critical once confirmed"));

        // Confirming the fact removes the cap.
        const AnalysisResult confirmed = analyzeModel(webModel(false, "no"), riskCatalog());
        const Threat *definite = confirmed.findThreat("T-UNPATCHED@web");
        QVERIFY(definite);
        QVERIFY(!definite->needsConfirmation);
        QCOMPARE(definite->severity, Severity::Critical);
        QVERIFY(!definite->severityCapped);
        QVERIFY(!definite->severityIsUpperBound());
        QCOMPARE(severityText(definite->severity, definite->severityIsUpperBound()), std::string("Critical"));
    }

    void everyUnconfirmedFindingIsAtMostTheCapAndShownUpTo()
    {
        const AnalysisResult open = analyzeModel(webModel(false, "unknown"), riskCatalog());
        int unconfirmed = 0;
        for (const Threat &t : open.threats) {
            QCOMPARE(t.severityIsUpperBound(), t.needsConfirmation);
            if (!t.needsConfirmation)
                continue;
            ++unconfirmed;
            QVERIFY2(t.severity <= maxUnconfirmedSeverity, t.id().c_str());
            QVERIFY2(t.residualSeverity <= maxUnconfirmedSeverity, t.id().c_str());
            QCOMPARE(t.severityCapped, severityFor(t.likelihood, t.impact) > maxUnconfirmedSeverity);
        }
        QVERIFY(unconfirmed > 1); // the built-in catalog asks about the unknown host too
    }

    void aReviewersOverrideIsNoUpperBound()
    {
        ThreatModel model = webModel(false, "unknown");
        model.setRegisterEntry({"T-UNPATCHED@web", ThreatStatus::Open, "", "", Severity::Medium, ""});
        const AnalysisResult result = analyzeModel(model, riskCatalog());
        const Threat *unknown = result.findThreat("T-UNPATCHED@web");
        QVERIFY(unknown->severityIsUpperBound());
        QVERIFY(!unknown->residualSeverityIsUpperBound());
        QCOMPARE(unknown->residualSeverity, Severity::Medium);
    }
};

QTEST_GUILESS_MAIN(TestRiskModel)
#include "tst_riskmodel.moc"
