// The risk model of docs/risk-model.md: the likelihood × impact matrix, the per-rule
// reachability flag, and the cap on findings that rest on unknown values.
#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "core/displaynames.h"
#include "core/threatmodel.h"
#include "report/analysisexport.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/reportmodel.h"
#include "testcatalog.h"
#include "testfiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <optional>
#include <set>
#include <sstream>

using namespace bulkhead;

namespace {

/** The built-in catalog plus T-EXPOSED, T-LOCAL and T-UNPATCHED (rules/risk-catalog.json). */
const Catalog &riskCatalog()
{
    static const Catalog catalog = test::catalogWithTestFile(QStringLiteral("rules/risk-catalog.json"));
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

QJsonObject jsonThreat(const QJsonArray &threats, const QString &id)
{
    for (const QJsonValue &value : threats) {
        if (value.toObject().value(QStringLiteral("id")).toString() == id)
            return value.toObject();
    }
    return {};
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
            const Severity cap = std::min(maxUnconfirmedSeverity,
                                          t.rule->maxUnconfirmedSeverity.value_or(maxUnconfirmedSeverity));
            QCOMPARE(t.severityCapped, severityFor(t.likelihood, t.impact) > cap);
        }
        QVERIFY(unconfirmed > 1); // the built-in catalog asks about the unknown host too
    }

    void aThreatCanAskAtALowerLevelThanItsStatedAbsence()
    {
        // NET-06 on an ingress from the internet: L3 x I3 is medium once the protections are
        // stated absent, and it asks at low while nobody described them.
        auto edge = [](const PropertyMap &properties) {
            ThreatModel m;
            m.addBoundary({"net", "internet", "Internet", "", {}, {}});
            m.addElement({"u", "external-user", "Customer", "net", {}, {}});
            m.addElement({"edge", "ingress", "Edge", "", properties, {}});
            m.addFlow({"f-in", "requests", "u", "edge", false, {}, {}});
            return m;
        };
        QCOMPARE(builtInCatalog().findThreat("NET-06")->maxUnconfirmedSeverity, std::optional<Severity>(Severity::Low));
        const AnalysisResult open = analyzeModel(edge({}), builtInCatalog());
        const Threat *asked = open.findThreat("NET-06@edge");
        QVERIFY(asked);
        QVERIFY(asked->needsConfirmation);
        QCOMPARE(asked->severity, Severity::Low);
        QVERIFY(asked->severityCapped);
        QVERIFY(hasNote(*asked, "up to Low until confirmed: Medium once confirmed"));

        const PropertyMap absent{{"rateLimiting", std::string("no")}, {"waf", std::string("no")},
                                 {"ddosProtection", std::string("no")}};
        const AnalysisResult stated = analyzeModel(edge(absent), builtInCatalog());
        const Threat *found = stated.findThreat("NET-06@edge");
        QVERIFY(found);
        QVERIFY(!found->needsConfirmation);
        QCOMPARE(found->severity, Severity::Medium);
        QVERIFY(!found->severityCapped);
    }

    void aThreatsOwnCapIsReadAndChecked()
    {
        QVERIFY(!builtInCatalog().findThreat("RUN-01")->maxUnconfirmedSeverity);
        const auto wrong = loadCatalogWithExtras({
            test::dataPath(QStringLiteral("rules/unconfirmed-cap-critical.json")).toStdString()});
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().find("maxUnconfirmedSeverity") != std::string::npos, wrong.error().c_str());
        QVERIFY2(wrong.error().find("expected low, medium or high") != std::string::npos, wrong.error().c_str());
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

    void everyFormatSaysUpTo()
    {
        const ThreatModel model = webModel(false, "unknown");
        const AnalysisResult result = analyzeModel(model, riskCatalog());

        const QJsonArray threats = QJsonDocument::fromJson(QByteArray::fromStdString(analysisToJson(result, model, riskCatalog())))
                                       .object()
                                       .value(QStringLiteral("threats"))
                                       .toArray();
        const QJsonObject capped = jsonThreat(threats, QStringLiteral("T-UNPATCHED@web"));
        QCOMPARE(capped.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        QCOMPARE(capped.value(QStringLiteral("severityUpTo")).toBool(), true);
        QCOMPARE(capped.value(QStringLiteral("residualSeverityUpTo")).toBool(), true);
        const QJsonObject definite = jsonThreat(threats, QStringLiteral("T-LOCAL@web"));
        QVERIFY(definite.contains(QStringLiteral("severityUpTo")));
        QCOMPARE(definite.value(QStringLiteral("severityUpTo")).toBool(), false);

        const QString csv = QString::fromStdString(analysisToCsv(result, model, riskCatalog()));
        const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QVERIFY(lines.front().endsWith(QStringLiteral(",severity_up_to,residual_severity_up_to")));
        for (const QString &line : lines) {
            if (line.startsWith(QStringLiteral("T-UNPATCHED@web,")))
                QVERIFY2(line.endsWith(QStringLiteral(",true,true")), qPrintable(line));
            if (line.startsWith(QStringLiteral("T-LOCAL@web,")))
                QVERIFY2(line.endsWith(QStringLiteral(",false,false")), qPrintable(line));
        }

        const QJsonArray results = QJsonDocument::fromJson(QByteArray::fromStdString(analysisToSarif(result, model, riskCatalog(), "m.bulkhead.json")))
                                       .object()
                                       .value(QStringLiteral("runs"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("results"))
                                       .toArray();
        bool sarifSaysUpTo = false;
        for (const QJsonValue &value : results) {
            const QJsonObject r = value.toObject();
            const QJsonObject properties = r.value(QStringLiteral("properties")).toObject();
            if (r.value(QStringLiteral("partialFingerprints")).toObject().value(QStringLiteral("bulkheadThreatId/v1")).toString()
                == QStringLiteral("T-UNPATCHED@web"))
                sarifSaysUpTo = properties.value(QStringLiteral("severityUpTo")).toBool();
        }
        QVERIFY(sarifSaysUpTo);

        QVERIFY(analysisToText(result, model).find("up to high → up to high") != std::string::npos);

        const ReportData report = buildReport(model, riskCatalog(), result, ReportOptions{}, "2026-12-07");
        std::ostringstream markdown;
        writeMarkdownReport(markdown, report);
        QVERIFY(markdown.str().find("up to High → up to High") != std::string::npos);
        std::ostringstream html;
        writeHtmlReport(html, report, "");
        QVERIFY(html.str().find(">up to High</span> → <span") != std::string::npos);
        // Definite findings read as before.
        QVERIFY(markdown.str().find("| High → High |") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRiskModel)
#include "tst_riskmodel.moc"
