#include "catalog/catalog.h"
#include "commands/changepropertycommand.h"
#include "commands/changevaluecommand.h"
#include "commands/renameitemcommand.h"
#include "commands/setflowdirectioncommand.h"
#include "commands/setregisterentrycommand.h"
#include "document.h"

#include <QTest>
#include <QUndoStack>

using namespace bulkhead;

namespace {

void populate(Document &document)
{
    ThreatModel model;
    model.addElement(Element{"web", "container", "Web", "", {{"privileged", true}}, {0, 0, 140, 70}});
    model.addElement(Element{"db", "database", "DB", "", {}, {200, 0, 140, 70}});
    model.addFlow(Flow{"f1", "queries", "web", "db", false, {}, {}});
    model.setRegisterEntry(RegisterEntry{"T-1", ThreatStatus::Accepted, "why", "", {}, ""});
    QVERIFY(document.loadModel(std::move(model), QString(), false));
}

QString nameOf(const Document &document, const char *id)
{
    return QString::fromStdString(document.model().findElement(id)->name);
}

} // namespace

class TestChangeValueCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void undoGivesEachItemItsOwnOldValue()
    {
        Document document(builtInCatalog());
        populate(document);
        auto *command = new ChangeValueCommand<QString>(
            &document, {QStringLiteral("web"), QStringLiteral("db")},
            {QStringLiteral("Web"), QStringLiteral("DB")}, QStringLiteral("Same"), &Document::setName,
            QStringLiteral("Name both"));
        document.undoStack()->push(command);
        QCOMPARE(nameOf(document, "web"), QStringLiteral("Same"));
        QCOMPARE(nameOf(document, "db"), QStringLiteral("Same"));
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Name both"));
        document.undoStack()->undo();
        QCOMPARE(nameOf(document, "web"), QStringLiteral("Web"));
        QCOMPARE(nameOf(document, "db"), QStringLiteral("DB"));
    }

    void eachEditKeepsItsOwnUndoText()
    {
        Document document(builtInCatalog());
        populate(document);
        QUndoStack *stack = document.undoStack();
        stack->push(new RenameItemCommand(&document, QStringLiteral("web"), QStringLiteral("Shop")));
        QCOMPARE(stack->undoText(), QStringLiteral("Rename to \"Shop\""));
        stack->push(new SetFlowDirectionCommand(&document, QStringLiteral("f1"), true));
        QCOMPARE(stack->undoText(), QStringLiteral("Make flow two-way"));
        stack->push(new SetFlowDirectionCommand(&document, QStringLiteral("f1"), false));
        QCOMPARE(stack->undoText(), QStringLiteral("Make flow one-way"));
        stack->push(new ChangePropertyCommand(&document, {QStringLiteral("web")}, "privileged", false));
        QCOMPARE(stack->undoText(), QStringLiteral("Set Privileged of Shop"));
        stack->push(new ChangePropertyCommand(&document, {QStringLiteral("web")}, "privileged", std::nullopt));
        QCOMPARE(stack->undoText(), QStringLiteral("Reset Privileged of Shop"));
        // The catalog's label, not the key; several items counted.
        stack->push(new ChangePropertyCommand(&document, {QStringLiteral("web")}, "image.ref", std::string("nginx:1.27")));
        QCOMPARE(stack->undoText(), QStringLiteral("Set Image reference of Shop"));
        stack->push(new ChangePropertyCommand(&document, {QStringLiteral("web"), QStringLiteral("db")}, "notes", std::string("n")));
        QCOMPARE(stack->undoText(), QStringLiteral("Set Notes of 2 items"));
        stack->push(new SetRegisterEntryCommand(
            &document, RegisterEntry{"T-2", ThreatStatus::Open, "", "", {}, ""}, QStringLiteral("Decide")));
        QCOMPARE(stack->undoText(), QStringLiteral("Decide"));
        stack->push(new RemoveRegisterEntriesCommand(&document, {QStringLiteral("T-1"), QStringLiteral("T-2")}));
        QCOMPARE(stack->undoText(), QStringLiteral("Delete 2 register entries"));
    }

    void settingANewRegisterEntryIsUndoneByRemovingIt()
    {
        Document document(builtInCatalog());
        populate(document);
        document.undoStack()->push(new SetRegisterEntryCommand(
            &document, RegisterEntry{"T-2", ThreatStatus::Mitigated, "", "", {}, ""}, QStringLiteral("Decide")));
        QVERIFY(document.model().findRegisterEntry("T-2"));
        document.undoStack()->undo();
        QVERIFY(!document.model().findRegisterEntry("T-2"));
        QCOMPARE(document.model().registerEntries().size(), std::size_t(1));
    }

    void removingEntriesSkipsIdsWithoutOneAndRestoresTheRest()
    {
        Document document(builtInCatalog());
        populate(document);
        const RegisterEntry kept = *document.model().findRegisterEntry("T-1");
        document.undoStack()->push(new RemoveRegisterEntriesCommand(
            &document, {QStringLiteral("none"), QStringLiteral("T-1")}));
        QVERIFY(document.model().registerEntries().empty());
        document.undoStack()->undo();
        QCOMPARE(document.model().registerEntries().size(), std::size_t(1));
        QVERIFY(*document.model().findRegisterEntry("T-1") == kept);
        QVERIFY(!document.model().findRegisterEntry("none"));
    }
};

QTEST_MAIN(TestChangeValueCommand)
#include "tst_changevaluecommand.moc"
