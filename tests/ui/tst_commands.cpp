#include "catalog/catalog.h"
#include "commands/additemscommand.h"
#include "commands/changepropertycommand.h"
#include "commands/moveitemscommand.h"
#include "commands/removeitemscommand.h"
#include "commands/renameitemcommand.h"
#include "commands/setflowdirectioncommand.h"
#include "document.h"
#include "io/modelwriter.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace bulkhead;

namespace {

/** host ⊃ {web, db}; user outside; flows user→web, web→db. */
void populate(Document &document)
{
    ItemSnapshot items;
    items.boundaries.emplace_back(0, Boundary{"host", "host", "Node", "", {}, {0, 0, 400, 300}});
    items.elements.emplace_back(0, Element{"user", "external-user", "User", "", {}, {-200, 50, 140, 70}});
    items.elements.emplace_back(1, Element{"web", "container", "Web", "host", {}, {20, 40, 140, 70}});
    items.elements.emplace_back(2, Element{"db", "database", "DB", "host", {}, {220, 40, 140, 70}});
    items.flows.emplace_back(0, Flow{"f1", "requests", "user", "web", false, {}, {}});
    items.flows.emplace_back(1, Flow{"f2", "queries", "web", "db", false, {}, {}});
    document.undoStack()->push(new AddItemsCommand(&document, items, QStringLiteral("Add")));
    document.undoStack()->clear();
}

std::string json(const Document &document)
{
    return writeModelText(document.model());
}

} // namespace

/** Every command: redo changes the model, undo restores it exactly, redo again re-applies. */
class TestCommands : public QObject
{
    Q_OBJECT

private:
    void checkRoundTrip(Document &document, QUndoCommand *command, const std::function<void()> &checkDone)
    {
        document.undoStack()->setClean();
        const std::string before = json(document);
        document.undoStack()->push(command);
        checkDone();
        const std::string after = json(document);
        QVERIFY(after != before);
        QVERIFY(document.isModified());
        document.undoStack()->undo();
        QCOMPARE(json(document), before);
        QVERIFY(!document.isModified());
        document.undoStack()->redo();
        QCOMPARE(json(document), after);
        QVERIFY(!document.undoStack()->undoText().isEmpty());
    }

private Q_SLOTS:
    void removeElementTakesItsFlows()
    {
        Document document(builtInCatalog());
        populate(document);
        checkRoundTrip(document, new RemoveItemsCommand(&document, {QStringLiteral("web")}), [&] {
            QVERIFY(!document.model().findElement("web"));
            QVERIFY(document.model().flows().empty());
        });
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Delete \"Web\""));
    }

    void removeBoundaryKeepsItsMembers()
    {
        Document document(builtInCatalog());
        populate(document);
        checkRoundTrip(document, new RemoveItemsCommand(&document, {QStringLiteral("host")}), [&] {
            QVERIFY(!document.model().findBoundary("host"));
            QVERIFY(document.model().findElement("web")->boundary.empty());
            QCOMPARE(document.model().flows().size(), std::size_t(2));
        });
    }

    void removeBoundaryLeavesTheNetworksThatListIt()
    {
        Document document(builtInCatalog());
        populate(document);
        ItemSnapshot network;
        network.boundaries.emplace_back(1, Boundary{"backend", "container-network", "Backend", "", {}, {500, 0, 300, 200}});
        document.undoStack()->push(new AddItemsCommand(&document, network, QStringLiteral("Add")));
        document.setProperty(QStringLiteral("web"), "networks", StringList{"host", "backend"});
        document.setProperty(QStringLiteral("db"), "networks", StringList{"backend"});
        auto networksOf = [&](const char *id) -> std::optional<StringList> {
            const Element *element = document.model().findElement(id);
            const auto it = element->properties.find("networks");
            if (it == element->properties.end())
                return std::nullopt;
            return std::get<StringList>(it->second);
        };
        checkRoundTrip(document, new RemoveItemsCommand(&document, {QStringLiteral("backend")}), [&] {
            QVERIFY((networksOf("web") == StringList{"host"}));
            QVERIFY(!networksOf("db")); // its only network is gone: back to the default
        });
        document.undoStack()->undo();
        QVERIFY((networksOf("web") == StringList{"host", "backend"}));
        QVERIFY((networksOf("db") == StringList{"backend"}));

        // Removing the element with the boundary: its own properties go with it untouched.
        document.undoStack()->push(new RemoveItemsCommand(&document, {QStringLiteral("backend"), QStringLiteral("db")}));
        QVERIFY((networksOf("web") == StringList{"host"}));
        document.undoStack()->undo();
        QVERIFY((networksOf("db") == StringList{"backend"}));

        // Ids are stable: renaming a network leaves the lists that name it as they are.
        checkRoundTrip(document, new RenameItemCommand(&document, QStringLiteral("backend"), QStringLiteral("Back end")), [&] {
            QCOMPARE(document.model().findBoundary("backend")->name, std::string("Back end"));
            QVERIFY((networksOf("web") == StringList{"host", "backend"}));
            QVERIFY((networksOf("db") == StringList{"backend"}));
        });
    }

    void removeRestoresModelOrder()
    {
        Document document(builtInCatalog());
        populate(document);
        const std::string before = json(document);
        document.undoStack()->push(new RemoveItemsCommand(&document, {QStringLiteral("user"), QStringLiteral("db")}));
        document.undoStack()->undo();
        QCOMPARE(json(document), before); // same positions, not appended at the end
    }

    void moveWithMembership()
    {
        Document document(builtInCatalog());
        populate(document);
        std::vector<ItemMove> moves{{QStringLiteral("user"), {-200, 50, 140, 70}, {100, 200, 140, 70}, QString(), QStringLiteral("host")}};
        checkRoundTrip(document, new MoveItemsCommand(&document, moves, QStringLiteral("Move")), [&] {
            QCOMPARE(document.model().findElement("user")->geometry, (Rect{100, 200, 140, 70}));
            QCOMPARE(document.model().findElement("user")->boundary, std::string("host"));
        });
    }

    void nudgesMerge()
    {
        Document document(builtInCatalog());
        populate(document);
        auto nudge = [&](double from, double to) {
            std::vector<ItemMove> moves{{QStringLiteral("db"), {from, 40, 140, 70}, {to, 40, 140, 70}, QStringLiteral("host"), QStringLiteral("host")}};
            document.undoStack()->push(new MoveItemsCommand(&document, moves, QStringLiteral("Nudge"), true));
        };
        nudge(220, 240);
        nudge(240, 260);
        nudge(260, 280);
        QCOMPARE(document.undoStack()->count(), 1);
        document.undoStack()->undo();
        QCOMPARE(document.model().findElement("db")->geometry.x, 220.0);
    }

    void propertyOnSeveralItems()
    {
        Document document(builtInCatalog());
        populate(document);
        document.setProperty(QStringLiteral("web"), "privileged", PropertyValue(false));
        document.undoStack()->clear();
        const QStringList ids{QStringLiteral("web"), QStringLiteral("user")};
        checkRoundTrip(document, new ChangePropertyCommand(&document, ids, "inScope", PropertyValue(false)), [&] {
            QCOMPARE(std::get<bool>(document.model().findElement("web")->properties.at("inScope")), false);
            QCOMPARE(std::get<bool>(document.model().findElement("user")->properties.at("inScope")), false);
        });
        // Resetting removes the value, and undo brings back each item's own old value.
        document.undoStack()->push(new ChangePropertyCommand(&document, {QStringLiteral("web")}, "privileged", std::nullopt));
        QVERIFY(!document.model().findElement("web")->properties.count("privileged"));
        document.undoStack()->undo();
        QCOMPARE(std::get<bool>(document.model().findElement("web")->properties.at("privileged")), false);
    }

    void renameAndDirection()
    {
        Document document(builtInCatalog());
        populate(document);
        checkRoundTrip(document, new RenameItemCommand(&document, QStringLiteral("f2"), QStringLiteral("SQL")), [&] {
            QCOMPARE(document.model().findFlow("f2")->name, std::string("SQL"));
        });
        checkRoundTrip(document, new SetFlowDirectionCommand(&document, QStringLiteral("f2"), true), [&] {
            QVERIFY(document.model().findFlow("f2")->bidirectional);
        });
    }

    void pushAfterUndoDropsTheUndoneCommandSafely()
    {
        // The stack deletes the undone command; the model must not notice.
        Document document(builtInCatalog());
        populate(document);
        document.undoStack()->push(new RemoveItemsCommand(&document, {QStringLiteral("web")}));
        document.undoStack()->undo();
        const std::string restored = json(document);
        document.undoStack()->push(new RenameItemCommand(&document, QStringLiteral("db"), QStringLiteral("Orders")));
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(document.model().findElement("web"));
        QCOMPARE(document.model().flows().size(), std::size_t(2));
        document.undoStack()->undo();
        QCOMPARE(json(document), restored);
    }

    void documentAnnouncesChanges()
    {
        Document document(builtInCatalog());
        QSignalSpy added(&document, &Document::itemAdded);
        QSignalSpy removed(&document, &Document::itemRemoved);
        QSignalSpy modified(&document, &Document::modifiedChanged);
        populate(document);
        QCOMPARE(added.count(), 6);
        // populate() leaves a clean stack, so the document starts unmodified.
        QVERIFY(!document.isModified());
        modified.clear();

        document.undoStack()->push(new RemoveItemsCommand(&document, {QStringLiteral("db")}));
        QCOMPARE(removed.count(), 2); // the element and its flow
        QVERIFY(document.isModified());
        QCOMPARE(modified.count(), 1);
        QCOMPARE(modified.takeFirst().at(0).toBool(), true);

        // Undoing back to the saved state is announced once, as unmodified.
        document.undoStack()->undo();
        QVERIFY(!document.isModified());
        QCOMPARE(modified.count(), 1);
        QCOMPARE(modified.takeFirst().at(0).toBool(), false);
    }
};

QTEST_MAIN(TestCommands)
#include "tst_commands.moc"
