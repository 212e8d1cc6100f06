// Re-import into an existing model: what survives (layout, decisions, hand values, hand items),
// what is added and where, and what is listed or pruned when it is gone from the files.

#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "import/reimport.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"
#include "layout/graphvizlayoutengine.h"
#include "testfiles.h"

#include <QTest>

#include <algorithm>

using namespace bulkhead;

namespace {

ThreatModel importFixture(const char *name)
{
    const std::string file =
        bulkhead::test::dataPath(QStringLiteral("import/reimport/") + QLatin1String(name)).toStdString();
    auto imported = importCompose({file}, {});
    if (!imported)
        qFatal("import failed: %s", imported.error().c_str());
    GraphvizLayoutEngine layout;
    finishImport(*imported, builtInCatalog(), layout);
    return std::move(imported->model);
}

/** The model id of the item with this import identity, or empty. */
std::string idOf(const ThreatModel &model, const std::string &identity)
{
    for (const ImportedItem &item : model.importRecord().items)
        if (item.identity == identity)
            return item.id;
    return {};
}

const Element &elementWithIdentity(const ThreatModel &model, const std::string &identity)
{
    const Element *found = model.findElement(idOf(model, identity));
    if (!found)
        qFatal("no element %s", identity.c_str());
    return *found;
}

std::vector<const ReimportChange *> changesOf(const ReimportReport &report, ReimportChange::Kind kind)
{
    std::vector<const ReimportChange *> found;
    for (const ReimportChange &change : report.changes)
        if (change.kind == kind)
            found.push_back(&change);
    return found;
}

bool hasChange(const ReimportReport &report, ReimportChange::Kind kind, const std::string &itemPart,
               const std::string &textPart = {})
{
    for (const ReimportChange *change : changesOf(report, kind))
        if (change->item.find(itemPart) != std::string::npos && change->text.find(textPart) != std::string::npos)
            return true;
    return false;
}

bool overlaps(const Rect &a, const Rect &b)
{
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A string property the import set on the element, to change by hand. */
std::string someStringProperty(const Element &element)
{
    for (const auto &[key, value] : element.properties)
        if (std::holds_alternative<std::string>(value) && key != "notes")
            return key;
    qFatal("no string property on %s", element.id.c_str());
}

} // namespace

class TestReimport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importRecordsIdentitiesAndSurvivesTheFile()
    {
        const ThreatModel model = importFixture("before.yml");
        QCOMPARE(model.importRecord().importer, std::string("compose"));
        QCOMPARE(model.importRecord().items.size(),
                 model.elements().size() + model.boundaries().size() + model.flows().size());
        QVERIFY(!idOf(model, "compose:api").empty());
        QVERIFY(!model.flows().empty());
        for (const Flow &flow : model.flows()) {
            const auto item = std::find_if(model.importRecord().items.begin(), model.importRecord().items.end(),
                                           [&](const ImportedItem &i) { return i.id == flow.id; });
            QVERIFY(item != model.importRecord().items.end());
            // By its ends' identities, never by a display name.
            QVERIFY2(item->identity.rfind("compose:" + flow.source + " -> compose:" + flow.target, 0) == 0,
                     item->identity.c_str());
        }
        auto reread = readModelText(writeModelText(model), "model.json");
        QVERIFY2(reread, reread ? "" : reread.error().c_str());
        QVERIFY(reread->model.importRecord() == model.importRecord());
        QVERIFY(reread->model == model);
    }

    void kubernetesImportRecordsIdentities()
    {
        const std::string file = bulkhead::test::dataPath(QStringLiteral("import/k8s/services.yaml")).toStdString();
        auto imported = importKubernetes({file}, builtInCatalog());
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        const ThreatModel &model = imported->model;
        QCOMPARE(model.importRecord().importer, std::string("k8s"));
        QCOMPARE(model.importRecord().items.size(),
                 model.elements().size() + model.boundaries().size() + model.flows().size());
        for (const Element &element : model.elements())
            QCOMPARE(idOf(model, "k8s:" + element.id), element.id);
        // The same manifests give the same identities, so a re-import changes nothing.
        auto again = importKubernetes({file}, builtInCatalog());
        QVERIFY(again);
        const ReimportResult result = reimportInto(model, again->model);
        QVERIFY(result.report.changes.empty());
    }

    void sameFilesChangeNothing()
    {
        const ThreatModel model = importFixture("before.yml");
        const ReimportResult result = reimportInto(model, importFixture("before.yml"));
        QVERIFY(result.report.changes.empty());
        QCOMPARE(result.report.updatedValues, std::size_t(0));
        QCOMPARE(result.report.kept.size(), model.importRecord().items.size());
        QVERIFY(result.model == model);
    }

    void keepsPositionAndBoundaryOfMovedElements()
    {
        ThreatModel model = importFixture("before.yml");
        Element &api = *model.findElement(idOf(model, "compose:api"));
        api.geometry = Rect{2000, 1500, 150, 70};
        const std::string otherBoundary = idOf(model, "compose:docker-host");
        QVERIFY(!otherBoundary.empty() && otherBoundary != api.boundary);
        api.boundary = otherBoundary;
        const ThreatModel before = model;

        const ReimportResult result = reimportInto(model, importFixture("after.yml"));
        const Element &merged = elementWithIdentity(result.model, "compose:api");
        QCOMPARE(merged.geometry, (Rect{2000, 1500, 150, 70}));
        QCOMPARE(merged.boundary, otherBoundary);
        // Nothing that was there moves.
        for (const Element &element : before.elements())
            if (const Element *still = result.model.findElement(element.id))
                QCOMPARE(still->geometry, element.geometry);
    }

    void handPropertyWinsAndIsReported()
    {
        ThreatModel model = importFixture("before.yml");
        Element &db = *model.findElement(idOf(model, "compose:db"));
        const std::string key = someStringProperty(db);
        db.properties[key] = std::string("set by the reviewer");
        db.properties["notes"] = std::string("Checked on site.");

        const ReimportResult result = reimportInto(model, importFixture("after.yml"));
        const Element &merged = elementWithIdentity(result.model, "compose:db");
        QCOMPARE(std::get<std::string>(merged.properties.at(key)), std::string("set by the reviewer"));
        QCOMPARE(std::get<std::string>(merged.properties.at("notes")), std::string("Checked on site."));
        QVERIFY(hasChange(result.report, ReimportChange::Kind::Overridden, "compose:db", "property " + key));
        // The report names the property, never the value.
        QVERIFY(formatReimportReport(result.report).find("set by the reviewer") == std::string::npos);

        // Next time the hand value still wins: the record keeps what the files said.
        const ReimportResult again = reimportInto(result.model, importFixture("after.yml"));
        QCOMPARE(std::get<std::string>(elementWithIdentity(again.model, "compose:db").properties.at(key)),
                 std::string("set by the reviewer"));
    }

    void importedValuesThatChangedAreUpdated()
    {
        const ThreatModel model = importFixture("before.yml");
        const ReimportResult result = reimportInto(model, importFixture("after.yml"));
        const ThreatModel fresh = importFixture("after.yml");
        const Element &api = elementWithIdentity(result.model, "compose:api");
        const Element &freshApi = elementWithIdentity(fresh, "compose:api");
        QVERIFY(elementWithIdentity(model, "compose:api").properties != freshApi.properties);
        QVERIFY(api.properties == freshApi.properties);
        QVERIFY(result.report.updatedValues > 0);
        QVERIFY(!hasChange(result.report, ReimportChange::Kind::Overridden, "(compose:api)"));
    }

    void keepsDecisionsManualThreatsAndHandItems()
    {
        ThreatModel model = importFixture("before.yml");
        RegisterEntry decision;
        decision.threat = "RUN-01@api";
        decision.status = ThreatStatus::Accepted;
        decision.justification = "Runs in a sandbox.";
        model.setRegisterEntry(decision);
        ManualThreat manual;
        manual.id = "mt-1";
        manual.title = "Insider copies the database";
        manual.target = idOf(model, "compose:db");
        model.addManualThreat(manual);
        Element analyst;
        analyst.id = "analyst";
        analyst.kind = "external-user";
        analyst.name = "Analyst";
        analyst.geometry = Rect{-500, -500, 150, 70};
        model.addElement(analyst);
        Flow query;
        query.id = "analyst-to-db";
        query.name = "Reports";
        query.source = "analyst";
        query.target = idOf(model, "compose:db");
        model.addFlow(query);

        const ReimportResult result = reimportInto(model, importFixture("after.yml"), {true});
        QVERIFY(result.model.registerEntries() == model.registerEntries());
        QVERIFY(result.model.manualThreats() == model.manualThreats());
        QVERIFY(result.model.metadata() == model.metadata());
        QVERIFY(result.model.findElement("analyst") && *result.model.findElement("analyst") == analyst);
        QVERIFY(result.model.findFlow("analyst-to-db") && *result.model.findFlow("analyst-to-db") == query);
    }

    void newServiceIsPlacedNearItsRelative()
    {
        const ThreatModel model = importFixture("before.yml");
        const ReimportResult result = reimportInto(model, importFixture("after.yml"));
        QVERIFY(hasChange(result.report, ReimportChange::Kind::Added, "compose:cache"));
        QVERIFY(formatReimportReport(result.report).find("+ element \"cache\" (compose:cache)") != std::string::npos);
        const Element &cache = elementWithIdentity(result.model, "compose:cache");
        const Element &api = elementWithIdentity(result.model, "compose:api");
        const ThreatModel fresh = importFixture("after.yml");
        const Element &freshCache = elementWithIdentity(fresh, "compose:cache");
        QCOMPARE(cache.boundary, idOf(result.model, "compose:" + freshCache.boundary));
        for (const Element &other : result.model.elements())
            if (other.id != cache.id)
                QVERIFY2(!overlaps(cache.geometry, other.geometry), other.id.c_str());
        // Beside a relative: within two element widths of the API or of a sibling in its network.
        bool near = false;
        for (const Element &other : model.elements())
            if (other.boundary == cache.boundary || other.id == api.id)
                near = near
                       || (std::abs(other.geometry.x - cache.geometry.x) <= 2 * (other.geometry.width + 40)
                           && std::abs(other.geometry.y - cache.geometry.y) <= 2 * (other.geometry.height + 40));
        QVERIFY(near);
        if (const Boundary *frame = result.model.findBoundary(cache.boundary))
            QVERIFY(frame->geometry.contains(cache.geometry));
    }

    void removedServiceIsListedAndPrunedOnlyWithPrune()
    {
        const ThreatModel model = importFixture("before.yml");
        const std::string worker = idOf(model, "compose:worker");
        QVERIFY(!worker.empty());

        const ReimportResult listed = reimportInto(model, importFixture("after.yml"));
        QVERIFY(hasChange(listed.report, ReimportChange::Kind::Disappeared, "compose:worker"));
        QVERIFY(listed.model.findElement(worker));
        QVERIFY(formatReimportReport(listed.report).find("- element \"worker\" (compose:worker)") != std::string::npos);
        // Still listed on the next re-import, as the record remembers it.
        QVERIFY(hasChange(reimportInto(listed.model, importFixture("after.yml")).report,
                          ReimportChange::Kind::Disappeared, "compose:worker"));

        const ReimportResult pruned = reimportInto(model, importFixture("after.yml"), {true});
        QVERIFY(hasChange(pruned.report, ReimportChange::Kind::Removed, "compose:worker"));
        QVERIFY(!pruned.model.findElement(worker));
        for (const Flow &flow : pruned.model.flows())
            QVERIFY(flow.source != worker && flow.target != worker);
        QVERIFY(idOf(pruned.model, "compose:worker").empty());
    }

    void identitySurvivesARename()
    {
        ThreatModel model = importFixture("before.yml");
        model.findElement(idOf(model, "compose:api"))->name = "Orders API";
        const ReimportResult result = reimportInto(model, importFixture("after.yml"));
        QCOMPARE(elementWithIdentity(result.model, "compose:api").name, std::string("Orders API"));
        QVERIFY(hasChange(result.report, ReimportChange::Kind::Overridden, "compose:api", "name set by hand"));
        QVERIFY(!hasChange(result.report, ReimportChange::Kind::Added, "(compose:api)"));
        QCOMPARE(result.model.elements().size(), importFixture("after.yml").elements().size() + 1);
    }

    void elementDeletedByHandStaysDeleted()
    {
        ThreatModel model = importFixture("before.yml");
        const std::string web = idOf(model, "compose:web");
        std::vector<std::string> attached;
        for (const Flow &flow : model.flows())
            if (flow.source == web || flow.target == web)
                attached.push_back(flow.id);
        for (const std::string &id : attached)
            model.removeFlow(id);
        model.removeElement(web);
        const ReimportResult result = reimportInto(model, importFixture("after.yml"));
        QVERIFY(!result.model.findElement(web));
        QVERIFY(hasChange(result.report, ReimportChange::Kind::Overridden, "compose:web", "deleted by hand"));
    }

    void modelWithoutRecordIsMatchedByIdsAndNeverPruned()
    {
        ThreatModel model = importFixture("before.yml");
        model.importRecord() = {};
        Element &api = *model.findElement("api");
        const std::string key = someStringProperty(api);
        api.properties[key] = std::string("hand");
        const ReimportResult result = reimportInto(model, importFixture("after.yml"), {true});
        QCOMPARE(std::get<std::string>(result.model.findElement("api")->properties.at(key)), std::string("hand"));
        QVERIFY(result.model.findElement("worker"));
        QVERIFY(hasChange(result.report, ReimportChange::Kind::Disappeared, "(compose:worker)"));
        QVERIFY(changesOf(result.report, ReimportChange::Kind::Removed).empty());
        QCOMPARE(result.model.importRecord().importer, std::string("compose"));
        QVERIFY(!idOf(result.model, "compose:cache").empty());
    }

    void recordedFilesAreRelativeToTheModel()
    {
        ImportRecord record;
        recordImportedFiles(record, {"/srv/shop/deploy/compose.yml"}, "/srv/shop/model/shop.bulkhead.json");
        QCOMPARE(record.files, std::vector<std::string>{"../deploy/compose.yml"});
        QCOMPARE(importedFilePaths(record, "/srv/shop/model/shop.bulkhead.json"),
                 std::vector<std::string>{"/srv/shop/deploy/compose.yml"});
    }

    void roundTripThroughTheFile()
    {
        // The acceptance test: import, move and decide by hand, change the files, re-import.
        ThreatModel model = importFixture("before.yml");
        Element &db = *model.findElement(idOf(model, "compose:db"));
        db.geometry.x += 333;
        const Rect moved = db.geometry;
        const std::string key = someStringProperty(db);
        db.properties[key] = std::string("hand");
        RegisterEntry decision;
        decision.threat = "NET-01@db";
        decision.status = ThreatStatus::Mitigated;
        model.setRegisterEntry(decision);
        auto saved = readModelText(writeModelText(model), "shop.bulkhead.json");
        QVERIFY(saved);

        const ReimportResult result = reimportInto(saved->model, importFixture("after.yml"));
        const Element &mergedDb = elementWithIdentity(result.model, "compose:db");
        QCOMPARE(mergedDb.geometry, moved);
        QCOMPARE(std::get<std::string>(mergedDb.properties.at(key)), std::string("hand"));
        QVERIFY(result.model.findRegisterEntry("NET-01@db"));
        QVERIFY(hasChange(result.report, ReimportChange::Kind::Added, "compose:cache"));
        QVERIFY(hasChange(result.report, ReimportChange::Kind::Disappeared, "compose:worker"));
        auto reread = readModelText(writeModelText(result.model), "out.bulkhead.json");
        QVERIFY(reread && reread->model == result.model);
    }
};

QTEST_GUILESS_MAIN(TestReimport)
#include "tst_reimport.moc"
