#include "core/submodel.h"

#include <QTest>

#include <set>

using namespace bulkhead;

namespace {

/** host ⊃ {web, api}; db outside; flows web→api, api→db, user→web; a manual threat. */
ThreatModel sample()
{
    ThreatModel m;
    m.addBoundary({"host", "host", "Host", "", {}, {0, 0, 400, 300}});
    m.addBoundary({"ns", "namespace", "NS", "host", {}, {20, 40, 200, 200}});
    m.addElement({"web", "container", "Web", "host", {}, {10, 20, 140, 70}});
    m.addElement({"api", "container", "API", "ns", {}, {30, 60, 140, 70}});
    m.addElement({"db", "database", "DB", "", {}, {500, 20, 140, 70}});
    m.addElement({"user", "external-user", "User", "", {}, {-200, 20, 140, 70}});
    m.addFlow({"f-web-api", "calls", "web", "api", false, {}, {}});
    m.addFlow({"f-api-db", "queries", "api", "db", false, {}, {}});
    m.addFlow({"f-user-web", "browses", "user", "web", true, {}, {}});
    ManualThreat threat;
    threat.id = "manual-1";
    m.addManualThreat(threat);
    return m;
}

std::vector<std::string> idsOf(const ThreatModel &m)
{
    std::vector<std::string> ids;
    for (const Boundary &b : m.boundaries())
        ids.push_back(b.id);
    for (const Element &e : m.elements())
        ids.push_back(e.id);
    for (const Flow &f : m.flows())
        ids.push_back(f.id);
    return ids;
}

/** The ids the editor handed out before: generateId on a copy that grows with each id. */
std::vector<std::string> idsByGrowingCopy(const ThreatModel &target,
                                          const std::vector<std::string> &prefixes)
{
    ThreatModel scratch = target;
    std::vector<std::string> ids;
    for (const std::string &prefix : prefixes) {
        Element placeholder;
        placeholder.id = scratch.generateId(prefix);
        ids.push_back(placeholder.id);
        scratch.addElement(placeholder);
    }
    return ids;
}

} // namespace

class TestSubModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extractTakesChosenItemsAndFlowsWithBothEnds()
    {
        const ThreatModel sub = extractSubModel(sample(), {"ns", "web", "api", "db"});
        QCOMPARE(idsOf(sub), (std::vector<std::string>{"ns", "web", "api", "db", "f-web-api",
                                                        "f-api-db"}));
        // References out of the selection stay as they were; paste decides.
        QCOMPARE(sub.findElement("web")->boundary, std::string("host"));
        QCOMPARE(sub.findBoundary("ns")->parent, std::string("host"));
        QVERIFY(sub.manualThreats().empty());
    }

    void extractTakesAFlowChosenAlone()
    {
        const ThreatModel sub = extractSubModel(sample(), {"f-user-web", "user"});
        QCOMPARE(idsOf(sub), (std::vector<std::string>{"user", "f-user-web"}));
    }

    void extractOfNothingIsEmpty()
    {
        const ThreatModel sub = extractSubModel(sample(), {"no-such-id"});
        QVERIFY(idsOf(sub).empty());
    }

    void pasteGivesTheIdsGenerateIdWouldGive()
    {
        ThreatModel target = sample();
        target.addElement({"container-12", "container", "", "", {}, {}}); // in the way
        const ThreatModel sub = extractSubModel(target, {"host", "ns", "web", "api", "f-web-api"});
        const PastedItems pasted = remapForPaste(target, sub, {});
        std::vector<std::string> ids;
        for (const Boundary &b : pasted.boundaries)
            ids.push_back(b.id);
        for (const Element &e : pasted.elements)
            ids.push_back(e.id);
        for (const Flow &f : pasted.flows)
            ids.push_back(f.id);
        QCOMPARE(ids,
                 idsByGrowingCopy(target, {"host", "namespace", "container", "container", "flow"}));
        for (const std::string &id : ids)
            QVERIFY2(!target.containsId(id), id.c_str());
        QCOMPARE(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
    }

    void pasteReferencesFollowTheNewIds()
    {
        const ThreatModel target = sample();
        const ThreatModel sub = extractSubModel(target, {"ns", "web", "api", "db"});
        const PastedItems pasted = remapForPaste(target, sub, {});
        QCOMPARE(pasted.size(), std::size_t(6));
        const Boundary &ns = pasted.boundaries[0];
        const Element &web = pasted.elements[0];
        const Element &api = pasted.elements[1];
        const Element &db = pasted.elements[2];
        QCOMPARE(api.boundary, ns.id); // pasted together: the new namespace
        QCOMPARE(web.boundary, std::string("host")); // its boundary was not copied but exists
        QCOMPARE(ns.parent, std::string("host"));
        QVERIFY(db.boundary.empty());
        QCOMPARE(pasted.flows[0].source, web.id);
        QCOMPARE(pasted.flows[0].target, api.id);
        QCOMPARE(pasted.flows[1].source, api.id);
        QCOMPARE(pasted.flows[1].target, db.id);
        QCOMPARE(pasted.flows[1].name, std::string("queries"));
    }

    void pasteDropsReferencesToBoundariesThatAreGone()
    {
        const ThreatModel sub = extractSubModel(sample(), {"web", "ns"});
        const PastedItems pasted = remapForPaste(ThreatModel(), sub, {});
        QCOMPARE(pasted.boundaries.size(), std::size_t(1));
        QVERIFY(pasted.boundaries[0].parent.empty());
        QVERIFY(pasted.elements[0].boundary.empty());
    }

    void pasteKeepsALoneFlowOnlyWhileItsEndsExist()
    {
        const ThreatModel source = sample();
        const ThreatModel sub = extractSubModel(source, {"f-api-db"});
        const PastedItems intoSource = remapForPaste(source, sub, {});
        QCOMPARE(intoSource.flows.size(), std::size_t(1));
        QCOMPARE(intoSource.flows[0].source, std::string("api"));
        QCOMPARE(intoSource.flows[0].target, std::string("db"));
        QVERIFY(intoSource.flows[0].id != "f-api-db");

        ThreatModel withoutDb = sample();
        withoutDb.removeFlow("f-api-db");
        withoutDb.removeElement("db");
        QVERIFY(remapForPaste(withoutDb, sub, {}).empty());
    }

    void pasteMovesBoundariesAndElementsByTheOffset()
    {
        const ThreatModel sub = extractSubModel(sample(), {"host", "web"});
        const PastedItems pasted = remapForPaste(sample(), sub, {40, -20});
        QCOMPARE(pasted.boundaries[0].geometry, (Rect{40, -20, 400, 300}));
        QCOMPARE(pasted.elements[0].geometry, (Rect{50, 0, 140, 70}));
    }

    void pasteGivesEveryHolderOfARepeatedIdItsOwnId()
    {
        // A file may hold an id twice (validation reports it); a copy of both must not paste
        // two items that again share one id.
        ThreatModel sub;
        sub.addElement({"twin", "container", "A", "", {}, {}});
        sub.addElement({"twin", "container", "B", "", {}, {}});
        sub.addElement({"other", "database", "C", "", {}, {}});
        sub.addFlow({"f", "", "other", "twin", false, {}, {}});
        const PastedItems pasted = remapForPaste(ThreatModel(), sub, {});
        QCOMPARE(pasted.elements.size(), std::size_t(3));
        QVERIFY(pasted.elements[0].id != pasted.elements[1].id);
        QCOMPARE(pasted.flows[0].target, pasted.elements[0].id); // the first holder, as lookups
    }
};

QTEST_GUILESS_MAIN(TestSubModel)
#include "tst_submodel.moc"
