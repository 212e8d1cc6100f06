#include "import/importmodelbuilder.h"

#include <QTest>

using namespace bulkhead;

namespace {

PropertyMap flowProperties(const std::string &protocol, std::int64_t port, const std::string &notes)
{
    PropertyMap properties;
    properties["protocol"] = protocol;
    properties["port"] = port;
    if (!notes.empty())
        properties["notes"] = notes;
    return properties;
}

std::string notesOf(const Flow &flow)
{
    const auto it = flow.properties.find("notes");
    return it == flow.properties.end() ? std::string() : std::get<std::string>(it->second);
}

Element elementIn(ImportModelBuilder &builder, const std::string &name, const std::string &boundary)
{
    Element element;
    element.id = builder.makeId(name);
    element.kind = "container";
    element.name = name;
    element.boundary = boundary;
    return element;
}

} // namespace

class TestImportModelBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idsAreUniqueAndNormalised();
    void sameFlowTwiceMergesNotes();
    void otherPortOrProtocolIsAnotherFlow();
    void separateFlowsNeverMerge();
    void mergedNotesAreCappedAndCounted();
    void gridPlacesRowsOfThreeInTheFrame();
    void emptyBoundaryGetsOneElementFrame();
};

void TestImportModelBuilder::idsAreUniqueAndNormalised()
{
    ThreatModel model;
    ImportModelBuilder builder(model);
    const std::string first = builder.makeId("Web Front");
    const std::string second = builder.makeId("Web Front");
    QCOMPARE(first, std::string("web-front"));
    QVERIFY(second != first);
    QVERIFY(second.rfind("web-front", 0) == 0);
}

void TestImportModelBuilder::sameFlowTwiceMergesNotes()
{
    ThreatModel model;
    ImportModelBuilder builder(model);
    const std::string a = builder.addFlow("client", "web", "first name",
                                          flowProperties("https", 443, "Route A.\nShared."));
    const std::string b = builder.addFlow("client", "web", "second name",
                                          flowProperties("https", 443, "Route B.\nShared."));
    QCOMPARE(b, a);
    QCOMPARE(model.flows().size(), std::size_t(1));
    const Flow &flow = model.flows().front();
    QCOMPARE(flow.name, std::string("first name"));
    QCOMPARE(flow.id, std::string("client-to-web"));
    QCOMPARE(notesOf(flow), std::string("Route A.\nShared.\nRoute B."));
}

void TestImportModelBuilder::otherPortOrProtocolIsAnotherFlow()
{
    ThreatModel model;
    ImportModelBuilder builder(model);
    const std::string https =
        builder.addFlow("client", "web", "https", flowProperties("https", 443, ""));
    const std::string http =
        builder.addFlow("client", "web", "http", flowProperties("http", 443, ""));
    const std::string other =
        builder.addFlow("client", "web", "other port", flowProperties("https", 8443, ""));
    QCOMPARE(model.flows().size(), std::size_t(3));
    QVERIFY(https != http && http != other && https != other);
}

void TestImportModelBuilder::separateFlowsNeverMerge()
{
    ThreatModel model;
    ImportModelBuilder builder(model);
    builder.addSeparateFlow("store", "app", "secret a", flowProperties("other", 0, "Note."));
    builder.addSeparateFlow("store", "app", "secret b", flowProperties("other", 0, "Note."));
    QCOMPARE(model.flows().size(), std::size_t(2));
    QCOMPARE(model.flows()[1].name, std::string("secret b"));
    QCOMPARE(notesOf(model.flows()[1]), std::string("Note."));
}

void TestImportModelBuilder::mergedNotesAreCappedAndCounted()
{
    ThreatModel model;
    ImportModelBuilder builder(model);
    const std::size_t routes = ImportModelBuilder::maxMergedNotes + 5;
    for (std::size_t i = 0; i < routes; ++i)
        builder.addFlow("lb", "web", "routes",
                        flowProperties("http", 80, "Route " + std::to_string(i) + "."));
    builder.addFlow("lb", "web", "routes", flowProperties("http", 80, "Route 0."));
    builder.noteOmittedFlowNotes("routes to the same port");
    const std::string notes = notesOf(model.flows().front());
    QVERIFY(notes.find("Route 19.") != std::string::npos);
    QVERIFY(notes.find("Route 20.") == std::string::npos);
    QCOMPARE(notes.substr(notes.rfind('\n') + 1),
             std::string("And 5 more routes to the same port, not listed."));
}

void TestImportModelBuilder::gridPlacesRowsOfThreeInTheFrame()
{
    ThreatModel model;
    ImportModelBuilder builder(model);
    Boundary boundary;
    boundary.id = builder.makeId("ns");
    boundary.kind = "namespace";
    builder.addBoundary(boundary);
    for (const char *name : {"a", "b", "c", "d"})
        builder.addElement(elementIn(builder, name, boundary.id));
    builder.addElement(elementIn(builder, "outside", ""));
    const ImportModelBuilder::Size size = builder.layOutBoundary(boundary.id, 100, 50);
    // Three columns of 150 with gaps of 40 and padding of 30; two rows of 70 below a 30 title.
    QCOMPARE(size.width, 30 + 150 + 40 + 150 + 40 + 150 + 30.0);
    QCOMPARE(size.height, 30 + 70 + 40 + 70 + 30.0);
    QCOMPARE(model.findBoundary(boundary.id)->geometry, (Rect{100, 50, size.width, size.height}));
    QCOMPARE(model.findElement("a")->geometry, (Rect{130, 80, 150, 70}));
    QCOMPARE(model.findElement("c")->geometry, (Rect{130 + 2 * 190, 80, 150, 70}));
    QCOMPARE(model.findElement("d")->geometry, (Rect{130, 80 + 110, 150, 70}));
    QCOMPARE(model.findElement("outside")->geometry, Rect{});
    builder.placeElement("outside", 5, 6);
    QCOMPARE(model.findElement("outside")->geometry, (Rect{5, 6, 150, 70}));
}

void TestImportModelBuilder::emptyBoundaryGetsOneElementFrame()
{
    ThreatModel model;
    ImportModelBuilder builder(model);
    Boundary boundary;
    boundary.id = builder.makeId("empty");
    builder.addBoundary(boundary);
    const ImportModelBuilder::Size size = builder.layOutBoundary(boundary.id, 0, 0);
    QCOMPARE(size.width, 2 * 30 + 150.0);
    QCOMPARE(size.height, 30 + 30 + 70.0);
}

QTEST_GUILESS_MAIN(TestImportModelBuilder)
#include "tst_importmodelbuilder.moc"
