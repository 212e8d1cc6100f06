#include "analysis/threat.h"
#include "core/itemref.h"
#include "core/threatmodel.h"

#include <QTest>

using namespace bulkhead;

namespace {

ThreatModel sampleModel()
{
    ThreatModel model;
    model.addBoundary(Boundary{"host", "host", "Host", "", {{"os", std::string("linux")}}, {}});
    model.addElement(Element{"web", "container", "Web", "host", {{"privileged", true}}, {}});
    model.addElement(Element{"db", "database", "Orders", "", {}, {}});
    model.addFlow(Flow{"f1", "SQL", "web", "db", false, {{"encrypted", false}}, {}});
    return model;
}

} // namespace

class TestItemRef : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsEachKindWithItsCommonFields_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("property");
        QTest::newRow("element") << "web" << int(ItemKind::Element) << "Web" << "privileged";
        QTest::newRow("boundary") << "host" << int(ItemKind::Boundary) << "Host" << "os";
        QTest::newRow("flow") << "f1" << int(ItemKind::Flow) << "SQL" << "encrypted";
    }
    void findsEachKindWithItsCommonFields()
    {
        QFETCH(QString, id);
        QFETCH(int, kind);
        QFETCH(QString, name);
        QFETCH(QString, property);
        const ThreatModel model = sampleModel();
        const ItemRef item = findItem(model, id.toStdString());
        QVERIFY(item);
        QCOMPARE(int(item.kind()), kind);
        QCOMPARE(QString::fromStdString(item.id()), id);
        QCOMPARE(QString::fromStdString(item.name()), name);
        QVERIFY(item.properties().count(property.toStdString()));
        // Exactly one typed accessor answers, and it is the model's own object.
        QCOMPARE(int(item.element() != nullptr) + int(item.boundary() != nullptr) + int(item.flow() != nullptr), 1);
        QCOMPARE(item.element(), model.findElement(id.toStdString()));
        QCOMPARE(item.boundary(), model.findBoundary(id.toStdString()));
        QCOMPARE(item.flow(), model.findFlow(id.toStdString()));
    }

    void unknownIdsAndManualThreatsAreNoItems()
    {
        ThreatModel model = sampleModel();
        model.addManualThreat(ManualThreat{"manual-1", "Spoofed admin", "", "S", "web"});
        for (const char *id : {"nothing", "", "manual-1"}) {
            const ItemRef item = findItem(model, id);
            QVERIFY2(!item, id);
            QCOMPARE(item.kind(), ItemKind::None);
            QVERIFY(!item.element());
            QVERIFY(!item.boundary());
            QVERIFY(!item.flow());
        }
    }

    void aSharedIdResolvesElementThenBoundaryThenFlow()
    {
        // Invalid, but loadable: validation reports it, lookups must still be predictable.
        ThreatModel model;
        model.addFlow(Flow{"x", "the flow", "a", "b", false, {}, {}});
        QCOMPARE(findItem(model, "x").kind(), ItemKind::Flow);
        model.addBoundary(Boundary{"x", "host", "the boundary", "", {}, {}});
        QCOMPARE(findItem(model, "x").kind(), ItemKind::Boundary);
        model.addElement(Element{"x", "container", "the element", "", {}, {}});
        QCOMPARE(findItem(model, "x").kind(), ItemKind::Element);
        QCOMPARE(findItem(model, "x").name(), std::string("the element"));
    }

    void aLookupByKindSkipsTheOtherKinds()
    {
        // A notification or a threat says what the id names; a shared id must not mislead it.
        ThreatModel model;
        model.addFlow(Flow{"x", "the flow", "a", "b", false, {}, {}});
        model.addElement(Element{"x", "container", "the element", "", {}, {}});
        model.addBoundary(Boundary{"host", "host", "the boundary", "", {}, {}});
        QCOMPARE(findItem(model, "x", ItemKind::Flow).flow(), model.findFlow("x"));
        QCOMPARE(findItem(model, "x", ItemKind::Element).element(), model.findElement("x"));
        QCOMPARE(findItem(model, "host", ItemKind::Boundary).boundary(), model.findBoundary("host"));
        QVERIFY(!findItem(model, "x", ItemKind::Boundary));
        QVERIFY(!findItem(model, "host", ItemKind::Element));
        QVERIFY(!findItem(model, "x", ItemKind::None));
        QVERIFY(!findItem(model, "nothing", ItemKind::Flow));
    }

    void subjectTypesAndItemKindsConvertBothWays()
    {
        const std::pair<SubjectType, ItemKind> pairs[] = {
            {SubjectType::Element, ItemKind::Element},
            {SubjectType::Boundary, ItemKind::Boundary},
            {SubjectType::Flow, ItemKind::Flow},
            {SubjectType::Model, ItemKind::None},
        };
        for (const auto &[subject, kind] : pairs) {
            QCOMPARE(itemKindOf(subject), kind);
            QCOMPARE(subjectTypeOf(kind), subject);
        }
    }

    void mutableReferenceEditsTheModel()
    {
        ThreatModel model = sampleModel();
        for (const char *id : {"web", "host", "f1"}) {
            const MutableItemRef item = findItem(model, id);
            QVERIFY(item);
            item.name() = std::string("renamed ") + id;
            item.properties()["note"] = std::string("seen");
        }
        QCOMPARE(model.findElement("web")->name, std::string("renamed web"));
        QCOMPARE(model.findBoundary("host")->name, std::string("renamed host"));
        QCOMPARE(model.findFlow("f1")->name, std::string("renamed f1"));
        QCOMPARE(model.findFlow("f1")->properties.count("note"), std::size_t(1));
        QCOMPARE(model.findBoundary("host")->properties.count("note"), std::size_t(1));
    }

    void constReferenceGivesReadOnlyAccess()
    {
        static_assert(std::is_same_v<decltype(std::declval<ItemRef>().name()), const std::string &>);
        static_assert(std::is_same_v<decltype(std::declval<MutableItemRef>().name()), std::string &>);
        static_assert(!std::is_constructible_v<MutableItemRef, const Element *>);
        static_assert(std::is_convertible_v<MutableItemRef, ItemRef>);
        static_assert(!std::is_convertible_v<ItemRef, MutableItemRef>);
        ThreatModel model = sampleModel();
        const ItemRef readOnly = findItem(model, "f1"); // through the mutable overload
        QCOMPARE(readOnly.flow(), model.findFlow("f1"));
    }

    void anUnnamedFlowIsShownByItsEnds()
    {
        ThreatModel model = sampleModel();
        model.addElement(Element{"anon", "container", "", "host", {}, {}});
        model.addFlow(Flow{"f2", "", "web", "db", false, {}, {}});
        model.addFlow(Flow{"f3", "", "anon", "gone", false, {}, {}});
        QCOMPARE(shownName(model, findItem(model, "f1")), std::string("SQL"));
        QCOMPARE(shownName(model, findItem(model, "f2")), std::string("Web → Orders"));
        // An end without a name, or missing, by its id.
        QCOMPARE(shownName(model, findItem(model, "f3")), std::string("anon → gone"));
        QCOMPARE(shownName(model, findItem(model, "web")), std::string("Web"));
        // An unnamed element or boundary stays empty: the caller shows the id.
        QCOMPARE(shownName(model, findItem(model, "anon")), std::string());
        QCOMPARE(shownName(model, ItemRef()), std::string());
    }
};

QTEST_GUILESS_MAIN(TestItemRef)
#include "tst_itemref.moc"
