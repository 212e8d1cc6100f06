#include "diff/diffreport.h"
#include "diff/modeldiff.h"
#include "diff/modeltext.h"
#include "io/modelreader.h"
#include "testfiles.h"

#include <QtTest>

#include <algorithm>
#include <sstream>

using namespace bulkhead;

namespace {

ThreatModel fixture(const char *name)
{
    const QString path =
        bulkhead::test::dataPath(QStringLiteral("diff/%1.bulkhead.json").arg(QLatin1String(name)));
    auto loaded = readModelFile(path.toStdString());
    if (!loaded)
        qFatal("cannot read %s: %s", qPrintable(path), loaded.error().c_str());
    return std::move(loaded->model);
}

/** The diff of base against the fixture; it must hold exactly one item change. */
ItemChange onlyItem(const ModelDiff &diff)
{
    if (diff.items.size() != 1 || !diff.registerChanges.empty() || !diff.metadata.empty())
        qFatal("expected exactly one item change, got %zu", diff.items.size());
    return diff.items.front();
}

std::string fieldsText(const std::vector<FieldChange> &fields)
{
    std::string text;
    for (const FieldChange &field : fields)
        text += field.field + ":" + field.before + ">" + field.after + ";";
    return text;
}

std::string markdownOf(const ModelDiff &diff, std::vector<ThreatChange> threats = {})
{
    std::ostringstream out;
    writeDiffMarkdown(out, DiffReport{"old.bulkhead.json", "new.bulkhead.json", diff,
                                      std::move(threats), ""});
    return out.str();
}

} // namespace

class TestModelDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameModelHasNoChanges()
    {
        const ModelDiff diff = diffModels(fixture("base"), fixture("base"));
        QVERIFY(diff.empty());
        QCOMPARE(diff.layoutOnlyChanges, std::size_t(0));
    }

    void addedAndRemovedElement()
    {
        const ItemChange added = onlyItem(diffModels(fixture("base"), fixture("element-added")));
        QCOMPARE(added.type, DiffItemType::Element);
        QCOMPARE(added.kind, DiffChangeKind::Added);
        QCOMPARE(added.id, std::string("worker"));
        QCOMPARE(added.name, std::string("Celery worker"));
        QCOMPARE(added.findField("boundary")->after, std::string("compose-network"));
        const ItemChange removed = onlyItem(diffModels(fixture("element-added"), fixture("base")));
        QCOMPARE(removed.kind, DiffChangeKind::Removed);
        QCOMPARE(removed.findField("kind")->before, std::string("container"));
        QVERIFY(removed.findField("kind")->after.empty());
    }

    void renamedElementKeepsItsId()
    {
        const ItemChange item = onlyItem(diffModels(fixture("base"), fixture("element-renamed")));
        QCOMPARE(item.id, std::string("web-app"));
        QVERIFY(item.renamed());
        QVERIFY(!item.moved());
        QCOMPARE(fieldsText(item.fields), std::string("name:Python web app>Django shop;"));
    }

    void elementMovedBetweenBoundaries()
    {
        const ItemChange item = onlyItem(diffModels(fixture("base"), fixture("element-moved")));
        QCOMPARE(item.id, std::string("redis"));
        QVERIFY(item.moved());
        QVERIFY(!item.renamed());
        QCOMPARE(fieldsText(item.fields), std::string("boundary:compose-network>docker-host;"));
    }

    void boundaryAddedRemovedRenamedMoved()
    {
        const ItemChange added = onlyItem(diffModels(fixture("base"), fixture("boundary-added")));
        QCOMPARE(added.type, DiffItemType::Boundary);
        QCOMPARE(added.kind, DiffChangeKind::Added);
        QCOMPARE(added.findField("parent")->after, std::string("docker-host"));
        QCOMPARE(onlyItem(diffModels(fixture("boundary-added"), fixture("base"))).kind,
                 DiffChangeKind::Removed);
        const ItemChange renamed =
            onlyItem(diffModels(fixture("base"), fixture("boundary-renamed")));
        QVERIFY(renamed.renamed());
        QCOMPARE(renamed.name, std::string("backend network"));
        const ItemChange moved = onlyItem(diffModels(fixture("base"), fixture("boundary-moved")));
        QCOMPARE(moved.type, DiffItemType::Boundary);
        QVERIFY(moved.moved());
        QCOMPARE(fieldsText(moved.fields), std::string("parent:docker-host>;"));
    }

    void flowAddedRemovedRenamedReconnected()
    {
        const ItemChange added = onlyItem(diffModels(fixture("base"), fixture("flow-added")));
        QCOMPARE(added.type, DiffItemType::Flow);
        QCOMPARE(added.kind, DiffChangeKind::Added);
        QCOMPARE(added.findField("source")->after, std::string("nginx"));
        QCOMPARE(onlyItem(diffModels(fixture("flow-added"), fixture("base"))).kind,
                 DiffChangeKind::Removed);
        const ItemChange renamed = onlyItem(diffModels(fixture("base"), fixture("flow-renamed")));
        QVERIFY(renamed.renamed());
        QVERIFY(!renamed.reconnected());
        const ItemChange reconnected =
            onlyItem(diffModels(fixture("base"), fixture("flow-reconnected")));
        QVERIFY(reconnected.reconnected());
        QVERIFY(!reconnected.renamed());
        QCOMPARE(fieldsText(reconnected.fields),
                 std::string("target:web-app>nginx;bidirectional:no>yes;"));
    }

    void propertyOldAndNewValue()
    {
        const ItemChange item = onlyItem(diffModels(fixture("base"), fixture("property-changed")));
        QVERIFY(item.fields.empty());
        QCOMPARE(item.properties.size(), std::size_t(1));
        QCOMPARE(item.properties[0].name, std::string("authRequired"));
        QCOMPARE(*item.properties[0].before, PropertyValue(std::string("no")));
        QCOMPARE(*item.properties[0].after, PropertyValue(std::string("yes")));
    }

    void propertySetAndUnset()
    {
        ThreatModel before = fixture("base");
        ThreatModel after = before;
        after.findElement("redis")->properties.erase("authRequired");
        after.findElement("redis")->properties["reviewNote"] = std::string("added");
        const ItemChange item = onlyItem(diffModels(before, after));
        QCOMPARE(item.properties.size(), std::size_t(2));
        QCOMPARE(item.properties[0].name, std::string("authRequired"));
        QVERIFY(!item.properties[0].after);
        QCOMPARE(item.properties[1].name, std::string("reviewNote"));
        QVERIFY(!item.properties[1].before);
    }

    void metadataChanges()
    {
        const ModelDiff diff = diffModels(fixture("base"), fixture("metadata-changed"));
        QVERIFY(diff.items.empty());
        QCOMPARE(fieldsText(diff.metadata),
                 std::string("title:Single-host Docker Compose web app>Web shop, 2027 review;"
                             "version:>2;"));
    }

    void registerChangedAddedRemoved()
    {
        const ModelDiff changed = diffModels(fixture("base"), fixture("register-changed"));
        QVERIFY(changed.items.empty());
        QCOMPARE(changed.registerChanges.size(), std::size_t(1));
        QCOMPARE(changed.registerChanges[0].threatId, std::string("env-file-in-git"));
        QCOMPARE(changed.registerChanges[0].kind, DiffChangeKind::Changed);
        QCOMPARE(fieldsText(changed.registerChanges[0].fields),
                 std::string("status:needs-investigation>mitigated;justification:>History "
                             "rewritten; the .env file was never pushed.;"));
        const ModelDiff removed = diffModels(fixture("base"), fixture("register-removed"));
        QCOMPARE(removed.registerChanges.size(), std::size_t(1));
        QCOMPARE(removed.registerChanges[0].kind, DiffChangeKind::Removed);
        const ModelDiff added = diffModels(fixture("register-removed"), fixture("base"));
        QCOMPARE(added.registerChanges[0].kind, DiffChangeKind::Added);
        QCOMPARE(added.registerChanges[0].fields[0].after, std::string("needs-investigation"));
    }

    void registerSeverityOverride()
    {
        ThreatModel before = fixture("base");
        ThreatModel after = before;
        RegisterEntry entry = *after.findRegisterEntry("env-file-in-git");
        entry.severityOverride = Severity::Low;
        after.setRegisterEntry(entry);
        const ModelDiff diff = diffModels(before, after);
        QCOMPARE(fieldsText(diff.registerChanges.at(0).fields),
                 std::string("severityOverride:>low;"));
    }

    void manualThreatsAddedRemovedChanged()
    {
        const ItemChange added =
            onlyItem(diffModels(fixture("base"), fixture("manual-threat-added")));
        QCOMPARE(added.type, DiffItemType::ManualThreat);
        QCOMPARE(added.kind, DiffChangeKind::Added);
        QCOMPARE(added.name, std::string("Database backups copied off the host"));
        QCOMPARE(onlyItem(diffModels(fixture("manual-threat-added"), fixture("base"))).kind,
                 DiffChangeKind::Removed);
        const ItemChange changed =
            onlyItem(diffModels(fixture("base"), fixture("manual-threat-changed")));
        QCOMPARE(fieldsText(changed.fields), std::string("likelihood:3>4;impact:3>4;"));
    }

    void layoutAloneIsOnlyCounted()
    {
        const ModelDiff diff = diffModels(fixture("base"), fixture("layout-only"));
        QVERIFY(diff.empty());
        QCOMPARE(diff.layoutOnlyChanges, std::size_t(1));
        QCOMPARE(canonicalModelText(fixture("layout-only")), canonicalModelText(fixture("base")));
    }

    void orderOfListsDoesNotMatter()
    {
        // Diff against a copy built in reverse order: same content, same (empty) diff, and the
        // same diff against a third model whichever order its lists are in.
        const ThreatModel base = fixture("base");
        ThreatModel reversed;
        reversed.metadata() = base.metadata();
        for (auto it = base.boundaries().rbegin(); it != base.boundaries().rend(); ++it)
            reversed.addBoundary(*it);
        for (auto it = base.elements().rbegin(); it != base.elements().rend(); ++it)
            reversed.addElement(*it);
        for (auto it = base.flows().rbegin(); it != base.flows().rend(); ++it)
            reversed.addFlow(*it);
        for (const ManualThreat &threat : base.manualThreats())
            reversed.addManualThreat(threat);
        for (const RegisterEntry &entry : base.registerEntries())
            reversed.appendRegisterEntry(entry);
        QVERIFY(diffModels(base, reversed).empty());
        const ThreatModel changed = fixture("flow-reconnected");
        std::ostringstream one;
        std::ostringstream two;
        writeDiffJson(one, DiffReport{"a", "b", diffModels(base, changed), {}, ""});
        writeDiffJson(two, DiffReport{"a", "b", diffModels(reversed, changed), {}, ""});
        QCOMPARE(one.str(), two.str());
        QCOMPARE(canonicalModelText(reversed), canonicalModelText(base));
    }

    void itemsComeInTypeThenIdOrder()
    {
        ThreatModel before = fixture("base");
        ThreatModel after = fixture("element-added");
        after.findElement("nginx")->name = "proxy";
        after.findBoundary("internet")->name = "The internet";
        const ModelDiff diff = diffModels(before, after);
        std::string order;
        for (const ItemChange &item : diff.items)
            order += item.id + " ";
        QCOMPARE(order, std::string("internet nginx worker "));
    }

    void threatChangesInMarkdown()
    {
        ThreatSnapshot high{"RULE-1@web-app", "A threat", "web-app", Severity::High,
                            Severity::Medium, ThreatStatus::Open, false, "RULE-1"};
        ThreatSnapshot critical = high;
        critical.severity = Severity::Critical;
        const std::string text = markdownOf({}, compareThreats({high}, {critical}));
        QVERIFY2(text.find("severity high → critical") != std::string::npos, text.c_str());
        QVERIFY(text.find("<details><summary>Threats whose severity") != std::string::npos);
        QVERIFY(text.find("| Threats | New | Resolved |") < text.find("<details>"));
    }

    void itemsCountedByKindOfChange()
    {
        const ModelDiff diff = diffModels(fixture("base"), fixture("everything-changed"));
        // worker, worker-to-redis, backup-theft; operator and its flow; web-app, redis and
        // compose-network.
        QCOMPARE(diff.countItems(DiffChangeKind::Added), std::size_t(3));
        QCOMPARE(diff.countItems(DiffChangeKind::Removed), std::size_t(2));
        QCOMPARE(diff.countItems(DiffChangeKind::Changed), std::size_t(3));
        QCOMPARE(diffModels(fixture("base"), fixture("base")).countItems(DiffChangeKind::Added),
                 std::size_t(0));
    }

    void riskTextsForOneThreat()
    {
        ThreatSnapshot high{"RULE-1@web-app", "A threat", "web-app", Severity::High,
                            Severity::Medium, ThreatStatus::Open, false, "RULE-1"};
        ThreatSnapshot accepted = high;
        accepted.status = ThreatStatus::Accepted;
        QCOMPARE(threatRiskText(high), std::string("high, residual medium, open"));
        const std::vector<ThreatChange> changes = compareThreats({high}, {accepted});
        QCOMPARE(threatRiskChangeText(changes.at(0)), std::string("status open → accepted"));
    }

    void markdownEscapesHostileNames()
    {
        const ModelDiff diff = diffModels(fixture("base"), fixture("hostile-name"));
        const std::string text = markdownOf(diff);
        QVERIFY(text.find("<script>") == std::string::npos);
        QVERIFY(text.find("&lt;script&gt;") != std::string::npos);
        // The only closing tags are the report's own: one per section.
        std::size_t closings = 0;
        for (std::size_t at = text.find("</details>"); at != std::string::npos;
             at = text.find("</details>", at + 1))
            ++closings;
        QCOMPARE(closings, std::size_t(1));
        QVERIFY(text.find("\\| \\*bold\\* \\[x\\]") != std::string::npos);
        // The name's line break stays inside its table row.
        const std::size_t row = text.find("| element | web-app |");
        QVERIFY(row != std::string::npos);
        QVERIFY(text.substr(row, text.find('\n', row) - row).find("# h") != std::string::npos);
    }

    void textShowsControlCharactersEscaped()
    {
        std::ostringstream out;
        writeDiffText(out, DiffReport{"a", "b", diffModels(fixture("base"), fixture("hostile-name")),
                                      {}, ""});
        QVERIFY(out.str().find("\\x0a# h") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestModelDiff)
#include "tst_modeldiff.moc"
