#include "analysis/threatcomparison.h"

#include <QtTest>

using namespace bulkhead;

namespace {

ThreatSnapshot snapshot(std::string id, Severity severity = Severity::Medium,
                        ThreatStatus status = ThreatStatus::Open)
{
    ThreatSnapshot threat;
    threat.id = std::move(id);
    threat.title = "Title of " + threat.id;
    threat.subjectId = threat.id.substr(threat.id.find('@') + 1);
    threat.severity = severity;
    threat.residualSeverity = severity;
    threat.status = status;
    return threat;
}

std::string summary(const std::vector<ThreatChange> &changes)
{
    std::string text;
    for (const ThreatChange &change : changes) {
        if (!text.empty())
            text += ' ';
        text += std::string(threatChangeKindKey(change.kind)) + ':' + change.id();
    }
    return text;
}

} // namespace

class TestThreatComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void equalSidesAreUnchanged()
    {
        const std::vector<ThreatSnapshot> side{snapshot("RUN-01@web"), snapshot("NET-03@f1")};
        const auto changes = compareThreats(side, side);
        QCOMPARE(summary(changes), std::string("unchanged:NET-03@f1 unchanged:RUN-01@web"));
    }

    void newAndAbsentThreatsAreTold()
    {
        const auto changes = compareThreats({snapshot("IMG-01@db"), snapshot("RUN-01@web")},
                                            {snapshot("RUN-01@web"), snapshot("RUN-17@cache")});
        QCOMPARE(summary(changes),
                 std::string("absent:IMG-01@db unchanged:RUN-01@web new:RUN-17@cache"));
        QVERIFY(!changes.front().after);
        QCOMPARE(changes.front().current().subjectId, std::string("db"));
        QVERIFY(!changes.back().before);
    }

    void riskChangesAreUpdates()
    {
        auto residualLowered = snapshot("RUN-01@web", Severity::High);
        residualLowered.residualSeverity = Severity::Low;
        const auto changes = compareThreats(
            {snapshot("RUN-01@web", Severity::High), snapshot("RUN-02@web", Severity::Medium),
             snapshot("RUN-03@web")},
            {residualLowered, snapshot("RUN-02@web", Severity::Critical),
             snapshot("RUN-03@web", Severity::Medium, ThreatStatus::Accepted)});
        QCOMPARE(summary(changes),
                 std::string("updated:RUN-01@web updated:RUN-02@web updated:RUN-03@web"));
        QVERIFY(!changes[0].severityChanged());
        QVERIFY(changes[0].residualSeverityChanged());
        QVERIFY(changes[1].severityChanged());
        QVERIFY(changes[2].statusChanged());
        QVERIFY(!changes[2].severityChanged());
    }

    void confirmingAFindingIsAnUpdate()
    {
        auto unconfirmed = snapshot("RUN-17@cache");
        unconfirmed.needsConfirmation = true;
        const auto changes = compareThreats({unconfirmed}, {snapshot("RUN-17@cache")});
        QCOMPARE(summary(changes), std::string("updated:RUN-17@cache"));
    }

    void aNewTitleAloneIsNoChange()
    {
        auto retitled = snapshot("RUN-01@web");
        retitled.title = "Reworded by a catalog edit";
        const auto changes = compareThreats({snapshot("RUN-01@web")}, {retitled});
        QCOMPARE(summary(changes), std::string("unchanged:RUN-01@web"));
        QCOMPARE(changes.front().current().title, retitled.title);
    }

    void inputOrderAndRepeatsDoNotMatter()
    {
        const auto forward = compareThreats({snapshot("A@x"), snapshot("B@x"), snapshot("A@x")},
                                            {snapshot("C@x"), snapshot("B@x")});
        const auto backward = compareThreats({snapshot("B@x"), snapshot("A@x")},
                                             {snapshot("B@x"), snapshot("C@x"), snapshot("C@x")});
        QCOMPARE(summary(forward), std::string("absent:A@x unchanged:B@x new:C@x"));
        QCOMPARE(summary(backward), summary(forward));
    }

    void emptySides()
    {
        QVERIFY(compareThreats({}, {}).empty());
        QCOMPARE(summary(compareThreats({}, {snapshot("A@x")})), std::string("new:A@x"));
        QCOMPARE(summary(compareThreats({snapshot("A@x")}, {})), std::string("absent:A@x"));
    }
};

QTEST_APPLESS_MAIN(TestThreatComparison)
#include "tst_threatcomparison.moc"
