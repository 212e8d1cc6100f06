// The editor's side of "deployed as": the role offered for a well-known image, the two groups of
// properties, and going back to native in one undoable step that keeps nothing behind silently.

#include "catalog/catalog.h"
#include "commands/deploymentcommand.h"
#include "document.h"
#include "panels/propertyeditor.h"
#include "panels/propertysection.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace bulkhead;

namespace {

struct Fixture
{
    Document document{builtInCatalog()};
    std::unique_ptr<PropertyEditor> editor;

    Fixture()
    {
        Element pg;
        pg.id = "pg";
        pg.kind = "container";
        pg.name = "pg";
        pg.geometry = {100, 100, 120, 60};
        pg.properties = {{"image.ref", std::string("postgres:16.4")}, {"privileged", true}};
        document.insertElement(0, pg);
        Element web = pg;
        web.id = "web";
        web.name = "web";
        web.properties = {{"image.ref", std::string("registry.example.com/shop/web:1")}};
        document.insertElement(1, web);
        editor = std::make_unique<PropertyEditor>(&document);
        editor->resize(360, 700);
        editor->show();
    }

    const Element &pg() const { return *document.model().findElement("pg"); }
    QStringList sections() const
    {
        QStringList titles;
        for (const PropertySection *section : editor->sections())
            titles << section->title();
        return titles;
    }
};

} // namespace

class TestDeployedRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aWellKnownImageIsOfferedItsRole()
    {
        Fixture f;
        f.editor->setSelection({QStringLiteral("web")});
        QVERIFY(!f.editor->findChild<QWidget *>(QStringLiteral("roleOffer")));
        f.editor->setSelection({QStringLiteral("pg")});
        auto *offer = f.editor->findChild<QWidget *>(QStringLiteral("roleOffer"));
        QVERIFY(offer);
        const auto labels = offer->findChildren<QLabel *>();
        QVERIFY(!labels.isEmpty());
        QCOMPARE(labels.front()->text(),
                 QStringLiteral("postgres is a database: treat this container as a database deployed as a container?"));
        auto *accept = offer->findChild<QPushButton *>(QStringLiteral("acceptRole"));
        QVERIFY(accept);
        accept->click();

        QCOMPARE(f.document.undoStack()->count(), 1); // one undoable command
        QCOMPARE(f.pg().kind, std::string("database"));
        QCOMPARE(f.pg().properties.at("deployedAs"), PropertyValue(std::string("container")));
        QCOMPARE(f.pg().properties.at("product"), PropertyValue(std::string("postgres")));
        QCOMPARE(f.pg().properties.at("privileged"), PropertyValue(true)); // container settings stay
        // The form now shows both kinds' properties, grouped, and no offer.
        QVERIFY(!f.editor->findChild<QWidget *>(QStringLiteral("roleOffer")));
        const QStringList sections = f.sections();
        // The database's own topics, then the container's under its name.
        QVERIFY2(sections.contains(QStringLiteral("Identity"))
                     && sections.contains(QStringLiteral("Container \u00b7 Runtime security")),
                 qPrintable(sections.join(QStringLiteral(", "))));
        QVERIFY2(sections.indexOf(QStringLiteral("Network"))
                     < sections.indexOf(QStringLiteral("Container \u00b7 Network")),
                 qPrintable(sections.join(QStringLiteral(", "))));
        QVERIFY(f.editor->editorFor(QStringLiteral("privileged")));
        QVERIFY(f.editor->editorFor(QStringLiteral("authRequired")));
        QVERIFY(f.editor->editorFor(QStringLiteral("deployedAs")));

        f.document.undoStack()->undo();
        QCOMPARE(f.pg().kind, std::string("container"));
        QVERIFY(!f.pg().properties.count("deployedAs"));
        QVERIFY(!f.pg().properties.count("product"));
        QCOMPARE(f.pg().properties.at("privileged"), PropertyValue(true));
        f.document.undoStack()->redo();
        QCOMPARE(f.pg().kind, std::string("database"));
    }

    void goingNativeRemovesTheContainerValuesInOneStep()
    {
        Fixture f;
        f.editor->setSelection({QStringLiteral("pg")});
        f.editor->findChild<QPushButton *>(QStringLiteral("acceptRole"))->click();
        QUndoStack *stack = f.document.undoStack();
        const int before = stack->count();
        stack->push(makePropertyCommand(&f.document, {QStringLiteral("pg")}, "deployedAs",
                                        PropertyValue(std::string("native"))));
        QCOMPARE(stack->count(), before + 1);
        QVERIFY2(stack->undoText().contains(QStringLiteral("removing 2 container values")),
                 qPrintable(stack->undoText()));
        QCOMPARE(f.pg().properties.at("deployedAs"), PropertyValue(std::string("native")));
        QVERIFY(!f.pg().properties.count("privileged"));
        QVERIFY(!f.pg().properties.count("image.ref"));
        QCOMPARE(f.pg().properties.at("product"), PropertyValue(std::string("postgres"))); // the database's
        QVERIFY(!f.editor->editorFor(QStringLiteral("privileged")));

        stack->undo();
        QCOMPARE(f.pg().properties.at("deployedAs"), PropertyValue(std::string("container")));
        QCOMPARE(f.pg().properties.at("privileged"), PropertyValue(true));
        QCOMPARE(f.pg().properties.at("image.ref"), PropertyValue(std::string("postgres:16.4")));
        // Any other change is the plain property command.
        stack->push(makePropertyCommand(&f.document, {QStringLiteral("pg")}, "privileged", PropertyValue(false)));
        QVERIFY(!stack->undoText().contains(QStringLiteral("removing")));
    }
};

QTEST_MAIN(TestDeployedRole)
#include "tst_deployedrole.moc"
