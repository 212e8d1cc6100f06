#include "catalog/catalog.h"
#include "commands/changepropertycommand.h"
#include "commands/removeitemscommand.h"
#include "commands/renameitemcommand.h"
#include "document.h"
#include "panels/propertyeditor.h"
#include "panels/propertysection.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QWheelEvent>

#include <memory>

using namespace bulkhead;

namespace {

Element element(const char *id, const char *kind, const char *name, const char *boundary = "")
{
    Element e;
    e.id = id;
    e.kind = kind;
    e.name = name;
    e.boundary = boundary;
    e.geometry = {100, 100, 120, 60};
    return e;
}

/** A host with two containers in it and a flow from the first to the second. */
struct Fixture
{
    Document document{builtInCatalog()};
    std::unique_ptr<PropertyEditor> editor;

    Fixture()
    {
        Boundary host;
        host.id = "host-1";
        host.kind = "host";
        host.name = "Docker host";
        host.geometry = {0, 0, 800, 600};
        document.insertBoundary(0, host);
        document.insertElement(0, element("web", "container", "Web", "host-1"));
        document.insertElement(1, element("api", "container", "API", "host-1"));
        Flow flow;
        flow.id = "flow-1";
        flow.name = "Requests";
        flow.source = "web";
        flow.target = "api";
        document.insertFlow(0, flow);
        editor = std::make_unique<PropertyEditor>(&document);
        editor->resize(360, 700);
        editor->show();
    }

    QUndoStack *stack() const { return document.undoStack(); }
    std::optional<PropertyValue> value(const char *id, const char *name) const
    {
        return document.property(QString::fromLatin1(id), name);
    }
    template<typename W>
    W *editorFor(const char *name) const
    {
        return qobject_cast<W *>(editor->editorFor(QString::fromLatin1(name)));
    }
    QToolButton *resetButton(const char *name) const
    {
        return editor->findChild<QToolButton *>(QStringLiteral("reset:") + QString::fromLatin1(name));
    }
    QLabel *labelFor(const char *name) const
    {
        for (QLabel *label : editor->findChildren<QLabel *>()) {
            if (label->buddy() == editor->editorFor(QString::fromLatin1(name)))
                return label;
        }
        return nullptr;
    }
};

/** Presses Enter in a field after replacing its text by typing. */
void typeAndEnter(QWidget *widget, const QString &text)
{
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        line->selectAll();
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(widget))
        spin->selectAll();
    QTest::keyClicks(widget, text);
    QTest::keyClick(widget, Qt::Key_Return);
}

} // namespace

class TestPropertyEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptySelectionShowsAHint()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        QCOMPARE(f.editor->editorFor(QStringLiteral("privileged")), nullptr);
        f.editor->setSelection({QStringLiteral("no-such-id")});
        QVERIFY(f.editor->selection().isEmpty());
        QCOMPARE(f.editor->editorFor(QStringLiteral("privileged")), nullptr);
    }

    void formFollowsTheSchema()
    {
        Fixture f;
        f.editor->setSelection({QStringLiteral("web")});
        QVERIFY(f.editorFor<QCheckBox>("privileged"));
        QVERIFY(f.editorFor<QComboBox>("runAsNonRoot"));
        QVERIFY(f.editorFor<QComboBox>("seccompProfile"));
        QVERIFY(f.editorFor<QSpinBox>("image.ageDays"));
        QVERIFY(f.editorFor<QLineEdit>("image.ref"));
        QVERIFY(f.editorFor<QLineEdit>("capabilitiesAdded"));
        QVERIFY(f.editorFor<QComboBox>("trustLevel")); // common element property
        QCOMPARE(f.editor->editorFor(QStringLiteral("os")), nullptr); // a host property

        // Readable labels, the raw name and the default in the tooltip.
        QLabel *label = f.labelFor("readOnlyRootFilesystem");
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Read only root filesystem"));
        QVERIFY(label->font().italic()); // unset: the default applies
        QVERIFY(label->toolTip().contains(QStringLiteral("readOnlyRootFilesystem")));
        QVERIFY(label->toolTip().contains(QStringLiteral("Default:")));
        QCOMPARE(f.labelFor("image.ageDays")->text(), QStringLiteral("Age days"));
        QCOMPARE(f.labelFor("hostPID")->text(), QStringLiteral("Host PID"));

        // Sections by the catalog's topics, in their order.
        QStringList sections;
        for (const PropertySection *section : f.editor->sections())
            sections.append(section->title());
        QCOMPARE(sections, QStringList({QStringLiteral("Identity"), QStringLiteral("Image"),
                                        QStringLiteral("Runtime security"), QStringLiteral("Network"),
                                        QStringLiteral("Data"), QStringLiteral("Notes")}));

        // The tri-state shows "Unknown" by default.
        QCOMPARE(f.editorFor<QComboBox>("runAsNonRoot")->currentText(), QStringLiteral("Unknown"));
        QVERIFY(!f.resetButton("privileged")->isVisible());

        // The header: name, kind and id.
        auto *name = f.editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        QCOMPARE(name->text(), QStringLiteral("Web"));
        auto *kind = f.editor->findChild<QLabel *>(QStringLiteral("kindLabel"));
        QVERIFY(kind->text().contains(QStringLiteral("Container")));
        QVERIFY(kind->text().contains(QStringLiteral("web")));
    }

    void togglesABoolAndUndoes()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        auto *check = f.editorFor<QCheckBox>("privileged");
        QVERIFY(check);
        QVERIFY(!check->isChecked());
        QTest::mouseClick(check, Qt::LeftButton);
        QCOMPARE(f.value("web", "privileged"), PropertyValue(true));
        QCOMPARE(f.stack()->count(), 1);
        QVERIFY(!f.stack()->text(0).isEmpty());
        QVERIFY(f.resetButton("privileged")->isVisible());
        QVERIFY(!f.labelFor("privileged")->font().italic());

        f.stack()->undo();
        QCOMPARE(f.value("web", "privileged"), std::nullopt);
        QVERIFY(!check->isChecked());
        QVERIFY(!f.resetButton("privileged")->isVisible());
        QCOMPARE(f.editorFor<QCheckBox>("privileged"), check); // refreshed, not rebuilt
    }

    void setsATriAndAnEnum()
    {
        Fixture f;
        f.editor->setSelection({QStringLiteral("web")});
        auto *tri = f.editorFor<QComboBox>("runAsNonRoot");
        QCOMPARE(tri->count(), 3);
        QTest::keyClick(tri, Qt::Key_Home); // first choice: Yes
        QCOMPARE(f.value("web", "runAsNonRoot"), PropertyValue(std::string("yes")));
        QCOMPARE(tri->currentText(), QStringLiteral("Yes"));
        QTest::keyClick(tri, Qt::Key_Down);
        QCOMPARE(f.value("web", "runAsNonRoot"), PropertyValue(std::string("no")));
        QCOMPARE(f.stack()->count(), 2);

        // On a Docker host the assumed default is Docker's own profile (contextdefaults).
        auto *seccomp = f.editorFor<QComboBox>("seccompProfile");
        QCOMPARE(seccomp->currentData().toString(), QStringLiteral("runtimeDefault"));
        seccomp->setCurrentIndex(seccomp->findData(QStringLiteral("unconfined")));
        QCOMPARE(f.value("web", "seccompProfile"), PropertyValue(std::string("unconfined")));
        QCOMPARE(f.stack()->count(), 3);

        f.stack()->undo();
        QCOMPARE(f.value("web", "seccompProfile"), std::nullopt);
        QCOMPARE(seccomp->currentData().toString(), QStringLiteral("runtimeDefault"));
    }

    void setsAnIntAndAStringByKeyboard()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        auto *age = f.editorFor<QSpinBox>("image.ageDays");
        QCOMPARE(age->value(), 0);
        QCOMPARE(age->minimum(), 0);
        QCOMPARE(age->maximum(), 1000000);
        typeAndEnter(age, QStringLiteral("45"));
        QCOMPARE(f.value("web", "image.ageDays"), PropertyValue(std::int64_t(45)));
        QCOMPARE(f.stack()->count(), 1);
        typeAndEnter(age, QStringLiteral("45")); // unchanged: no command
        QCOMPARE(f.stack()->count(), 1);

        auto *ref = f.editorFor<QLineEdit>("image.ref");
        typeAndEnter(ref, QStringLiteral("registry.example.com/web:1.4"));
        QCOMPARE(f.value("web", "image.ref"), PropertyValue(std::string("registry.example.com/web:1.4")));
        QCOMPARE(f.stack()->count(), 2);
        QTest::keyClick(ref, Qt::Key_Return); // nothing typed: no command
        QCOMPARE(f.stack()->count(), 2);

        // Escape takes back what was typed.
        QTest::keyClicks(ref, QStringLiteral("-rc1"));
        QTest::keyClick(ref, Qt::Key_Escape);
        QCOMPARE(ref->text(), QStringLiteral("registry.example.com/web:1.4"));
        QTest::keyClick(ref, Qt::Key_Return);
        QCOMPARE(f.stack()->count(), 2);

        // Clearing a string whose default is empty resets it.
        ref->selectAll();
        QTest::keyClick(ref, Qt::Key_Delete);
        QTest::keyClick(ref, Qt::Key_Return);
        QCOMPARE(f.value("web", "image.ref"), std::nullopt);
        QCOMPARE(f.stack()->count(), 3);

        // A string with a non-empty default shows it as a hint and keeps it when left empty.
        auto *account = f.editorFor<QLineEdit>("serviceAccount");
        QVERIFY(account->text().isEmpty());
        QCOMPARE(account->placeholderText(), QStringLiteral("default"));
        QTest::keyClicks(account, QStringLiteral("x"));
        QTest::keyClick(account, Qt::Key_Backspace);
        QTest::keyClick(account, Qt::Key_Return);
        QCOMPARE(f.value("web", "serviceAccount"), std::nullopt);
        QCOMPARE(f.stack()->count(), 3);
    }

    void editsAStringList()
    {
        Fixture f;
        f.editor->setSelection({QStringLiteral("web")});
        auto *caps = f.editorFor<QLineEdit>("capabilitiesAdded");
        typeAndEnter(caps, QStringLiteral("NET_ADMIN,  SYS_TIME ,"));
        QCOMPARE(f.value("web", "capabilitiesAdded"),
                 PropertyValue(StringList{"NET_ADMIN", "SYS_TIME"}));
        QCOMPARE(caps->text(), QStringLiteral("NET_ADMIN, SYS_TIME"));
        QCOMPARE(f.stack()->count(), 1);

        // The dialog: remove the first entry, add one.
        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *list = dialog->findChild<QListWidget *>(QStringLiteral("stringList"));
            QCOMPARE(list->count(), 2);
            list->setCurrentRow(0);
            dialog->findChild<QPushButton *>(QStringLiteral("removeEntry"))->click();
            dialog->findChild<QPushButton *>(QStringLiteral("addEntry"))->click();
            list->item(list->count() - 1)->setText(QStringLiteral("CHOWN"));
            dialog->accept();
        });
        f.editor->findChild<QToolButton *>(QStringLiteral("edit:capabilitiesAdded"))->click();
        QCOMPARE(f.value("web", "capabilitiesAdded"), PropertyValue(StringList{"SYS_TIME", "CHOWN"}));
        QCOMPARE(caps->text(), QStringLiteral("SYS_TIME, CHOWN"));
        QCOMPARE(f.stack()->count(), 2);

        // A non-empty default list shows as a hint.
        f.document.insertElement(2, element("kapi", "orchestrator-api", "API server"));
        f.editor->setSelection({QStringLiteral("kapi")});
        auto *modes = f.editorFor<QLineEdit>("authorizationModes");
        QVERIFY(modes->text().isEmpty());
        QCOMPARE(modes->placeholderText(), QStringLiteral("Node, RBAC"));
    }

    void resetsToTheDefault()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        auto *seccomp = f.editorFor<QComboBox>("seccompProfile");
        seccomp->setCurrentIndex(seccomp->findData(QStringLiteral("localhost")));
        QCOMPARE(f.value("web", "seccompProfile"), PropertyValue(std::string("localhost")));
        QToolButton *reset = f.resetButton("seccompProfile");
        QVERIFY(reset->isVisible());
        QTest::mouseClick(reset, Qt::LeftButton);
        QCOMPARE(f.value("web", "seccompProfile"), std::nullopt);
        QCOMPARE(f.stack()->count(), 2);
        QVERIFY(!f.stack()->text(1).isEmpty());
        QVERIFY(!reset->isVisible());
        QCOMPARE(seccomp->currentData().toString(), QStringLiteral("runtimeDefault"));
        QVERIFY(f.labelFor("seccompProfile")->font().italic());

        // Setting the default value explicitly is a change; resetting it again is one too.
        f.document.setProperty(QStringLiteral("web"), "privileged", PropertyValue(false));
        QTRY_VERIFY(f.resetButton("privileged")->isVisible());
        f.resetButton("privileged")->click();
        QCOMPARE(f.value("web", "privileged"), std::nullopt);
        QCOMPARE(f.stack()->count(), 3);
    }

    void multiSelectionShowsMixedAndSetsAllInOneStep()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.document.setProperty(QStringLiteral("web"), "privileged", PropertyValue(true));
        f.document.setProperty(QStringLiteral("web"), "seccompProfile",
                               PropertyValue(std::string("localhost")));
        f.editor->setSelection({QStringLiteral("web"), QStringLiteral("api")});
        QCOMPARE(f.editor->findChild<QLabel *>(QStringLiteral("titleLabel"))->text(),
                 QStringLiteral("2 items"));
        QVERIFY(!f.editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->isVisible());

        auto *check = f.editorFor<QCheckBox>("privileged");
        QCOMPARE(check->checkState(), Qt::PartiallyChecked);
        QTest::mouseClick(check, Qt::LeftButton);
        QCOMPARE(f.value("web", "privileged"), PropertyValue(true));
        QCOMPARE(f.value("api", "privileged"), PropertyValue(true));
        QCOMPARE(f.stack()->count(), 1);
        QCOMPARE(check->checkState(), Qt::Checked);
        QVERIFY(!check->isTristate());

        f.stack()->undo();
        QCOMPARE(f.value("web", "privileged"), PropertyValue(true));
        QCOMPARE(f.value("api", "privileged"), std::nullopt);
        QCOMPARE(check->checkState(), Qt::PartiallyChecked);

        // A mixed combo has an extra first entry; picking a value sets it on both.
        auto *seccomp = f.editorFor<QComboBox>("seccompProfile");
        QCOMPARE(seccomp->currentIndex(), 0);
        QCOMPARE(seccomp->currentText(), QStringLiteral("(mixed)"));
        seccomp->setCurrentIndex(seccomp->findData(QStringLiteral("runtimeDefault")));
        QCOMPARE(f.value("web", "seccompProfile"), PropertyValue(std::string("runtimeDefault")));
        QCOMPARE(f.value("api", "seccompProfile"), PropertyValue(std::string("runtimeDefault")));
        QCOMPARE(f.stack()->count(), 1);
        QCOMPARE(seccomp->count(), 3); // the mixed entry is gone
        QCOMPARE(seccomp->currentData().toString(), QStringLiteral("runtimeDefault"));

        // A mixed text field is empty with a hint, and leaving it untouched changes nothing.
        f.document.setProperty(QStringLiteral("web"), "image.ref", PropertyValue(std::string("a")));
        auto *ref = f.editorFor<QLineEdit>("image.ref");
        QTRY_COMPARE(ref->placeholderText(), QStringLiteral("(mixed)"));
        QVERIFY(ref->text().isEmpty());
        QTest::keyClick(ref, Qt::Key_Return);
        QCOMPARE(f.stack()->count(), 1);
        typeAndEnter(ref, QStringLiteral("b"));
        QCOMPARE(f.value("web", "image.ref"), PropertyValue(std::string("b")));
        QCOMPARE(f.value("api", "image.ref"), PropertyValue(std::string("b")));
        QCOMPARE(f.stack()->count(), 2);

        // A mixed number shows as such until a value is typed.
        f.document.setProperty(QStringLiteral("web"), "image.ageDays", PropertyValue(std::int64_t(9)));
        auto *age = f.editorFor<QSpinBox>("image.ageDays");
        QTRY_COMPARE(age->text(), QStringLiteral("(mixed)"));
        typeAndEnter(age, QStringLiteral("12"));
        QCOMPARE(f.value("web", "image.ageDays"), PropertyValue(std::int64_t(12)));
        QCOMPARE(f.value("api", "image.ageDays"), PropertyValue(std::int64_t(12)));
        QCOMPARE(f.stack()->count(), 3);
    }

    void differentKindsShareOnlyCommonProperties()
    {
        Fixture f;
        f.editor->setSelection({QStringLiteral("web"), QStringLiteral("host-1")});
        QCOMPARE(f.editor->editorFor(QStringLiteral("privileged")), nullptr);
        QCOMPARE(f.editor->editorFor(QStringLiteral("os")), nullptr);
        QCOMPARE(f.editor->editorFor(QStringLiteral("inScope")), nullptr); // elements only
        auto *notes = f.editorFor<QLineEdit>("notes");
        QVERIFY(notes);
        typeAndEnter(notes, QStringLiteral("reviewed"));
        QCOMPARE(f.value("web", "notes"), PropertyValue(std::string("reviewed")));
        QCOMPARE(f.value("host-1", "notes"), PropertyValue(std::string("reviewed")));
        QCOMPARE(f.stack()->count(), 1);
    }

    void editsWhoOpensAFlowsConnection()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("flow-1")});
        auto *initiator = f.editor->findChild<QComboBox *>(QStringLiteral("initiatorCombo"));
        QVERIFY(initiator && initiator->isVisible());
        QCOMPARE(initiator->count(), 2);
        QCOMPARE(initiator->currentIndex(), 0);
        QVERIFY(initiator->itemText(0).contains(QStringLiteral("Web")));
        QVERIFY(initiator->itemText(1).contains(QStringLiteral("API")));

        // Choosing the target is one undoable command; undo gives the source back.
        initiator->setCurrentIndex(1);
        Q_EMIT initiator->activated(1);
        QVERIFY(f.document.model().findFlow("flow-1")->initiator == FlowInitiator::Target);
        QCOMPARE(f.stack()->count(), 1);
        f.stack()->undo();
        QVERIFY(f.document.model().findFlow("flow-1")->initiator == FlowInitiator::Source);
        QCOMPARE(initiator->currentIndex(), 0);
        f.stack()->redo();
        QCOMPARE(initiator->currentIndex(), 1);

        // Choosing what is already there records nothing.
        Q_EMIT initiator->activated(1);
        QCOMPARE(f.stack()->count(), 1);
    }

    void editsAFlow()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("flow-1")});
        QVERIFY(f.editorFor<QComboBox>("protocol"));
        QVERIFY(f.editorFor<QComboBox>("encrypted"));
        QVERIFY(f.editorFor<QSpinBox>("port"));
        QCOMPARE(f.editorFor<QSpinBox>("port")->maximum(), 65535);
        QCOMPARE(f.editor->editorFor(QStringLiteral("privileged")), nullptr);
        auto *ends = f.editor->findChild<QLabel *>(QStringLiteral("endsLabel"));
        QVERIFY(ends->isVisible());
        QVERIFY(ends->text().contains(QStringLiteral("Web")));
        QVERIFY(ends->text().contains(QStringLiteral("API")));

        auto *twoWay = f.editor->findChild<QCheckBox *>(QStringLiteral("twoWayCheck"));
        QVERIFY(twoWay->isVisible());
        QVERIFY(!twoWay->isChecked());
        QTest::mouseClick(twoWay, Qt::LeftButton);
        QVERIFY(f.document.model().findFlow("flow-1")->bidirectional);
        QCOMPARE(f.stack()->count(), 1);
        f.stack()->undo();
        QVERIFY(!f.document.model().findFlow("flow-1")->bidirectional);
        QVERIFY(!twoWay->isChecked());

        auto *carriesSecrets = f.editorFor<QCheckBox>("carriesSecrets");
        QTest::mouseClick(carriesSecrets, Qt::LeftButton);
        QCOMPARE(f.value("flow-1", "carriesSecrets"), PropertyValue(true));

        // Renaming an end updates the header.
        f.stack()->push(new RenameItemCommand(&f.document, QStringLiteral("api"), QStringLiteral("Backend")));
        QVERIFY(ends->text().contains(QStringLiteral("Backend")));
    }

    void renamesThroughTheNameField()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        auto *name = f.editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        typeAndEnter(name, QStringLiteral("Frontend"));
        QCOMPARE(f.document.model().findElement("web")->name, std::string("Frontend"));
        QCOMPARE(f.stack()->count(), 1);
        QVERIFY(f.stack()->text(0).contains(QStringLiteral("Frontend")));
        QTest::keyClick(name, Qt::Key_Return);
        QCOMPARE(f.stack()->count(), 1);

        // An emptied name goes back to the current one.
        name->selectAll();
        QTest::keyClick(name, Qt::Key_Delete);
        QTest::keyClick(name, Qt::Key_Return);
        QCOMPARE(f.document.model().findElement("web")->name, std::string("Frontend"));
        QCOMPARE(name->text(), QStringLiteral("Frontend"));
        QCOMPARE(f.stack()->count(), 1);

        // Escape takes back what was typed.
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("Oops"));
        QTest::keyClick(name, Qt::Key_Escape);
        QCOMPARE(name->text(), QStringLiteral("Frontend"));
        QTest::keyClick(name, Qt::Key_Return);
        QCOMPARE(f.stack()->count(), 1);

        f.stack()->undo();
        QCOMPARE(name->text(), QStringLiteral("Web"));
    }

    void followsTheDocumentWithoutLosingTheFocus()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        auto *ref = f.editorFor<QLineEdit>("image.ref");
        ref->setFocus();
        QTest::keyClicks(ref, QStringLiteral("half-typed"));

        // Another view changes another property of the item: values refresh at once (when the
        // command is done), the form stays and so does the typing.
        f.stack()->push(new ChangePropertyCommand(&f.document, {QStringLiteral("web")}, "privileged",
                                                  PropertyValue(true)));
        QVERIFY(f.editorFor<QCheckBox>("privileged")->isChecked());
        QCOMPARE(f.editorFor<QLineEdit>("image.ref"), ref);
        QVERIFY(ref->hasFocus());
        QCOMPARE(ref->text(), QStringLiteral("half-typed"));
        // A change made outside the undo stack shows soon after.
        f.document.setProperty(QStringLiteral("web"), "capDropAll", PropertyValue(true));
        QTRY_VERIFY(f.editorFor<QCheckBox>("capDropAll")->isChecked());
        QCOMPARE(ref->text(), QStringLiteral("half-typed"));

        // Selecting another item of the same kind keeps the form, and commits the typing first.
        f.editor->setSelection({QStringLiteral("api")});
        QCOMPARE(f.value("web", "image.ref"), PropertyValue(std::string("half-typed")));
        QCOMPARE(f.editorFor<QLineEdit>("image.ref"), ref);
        QVERIFY(ref->text().isEmpty());
        QVERIFY(!f.editorFor<QCheckBox>("privileged")->isChecked());

        // Removing the selected item empties the form; a reset of the model too.
        f.stack()->push(new RemoveItemsCommand(&f.document, {QStringLiteral("api")}));
        QVERIFY(f.editor->selection().isEmpty());
        QCOMPARE(f.editor->editorFor(QStringLiteral("privileged")), nullptr);
        f.editor->setSelection({QStringLiteral("web")});
        f.document.clear();
        QVERIFY(f.editor->selection().isEmpty());
        QCOMPARE(f.editor->editorFor(QStringLiteral("privileged")), nullptr);
    }

    void showsWhatTheCatalogDoesNotKnow()
    {
        Fixture f;
        Element odd = element("odd", "quantum-widget", "Odd");
        odd.properties["flux"] = std::int64_t(3);
        f.document.insertElement(2, odd);
        f.document.setProperty(QStringLiteral("web"), "customLabel", PropertyValue(std::string("x")));
        f.document.setProperty(QStringLiteral("web"), "privileged", PropertyValue(std::string("yes")));

        f.editor->setSelection({QStringLiteral("web")});
        auto *custom = f.editorFor<QLineEdit>("customLabel");
        QVERIFY(custom);
        QVERIFY(custom->isReadOnly());
        QCOMPARE(custom->text(), QStringLiteral("x"));
        QCOMPARE(f.editor->sections().last()->title(), QStringLiteral("Not in the catalog"));
        // A value of the wrong type shows as neither true nor false, and says why.
        auto *check = f.editorFor<QCheckBox>("privileged");
        QCOMPARE(check->checkState(), Qt::PartiallyChecked);
        QVERIFY(check->toolTip().contains(QStringLiteral("does not fit")));

        f.editor->setSelection({QStringLiteral("odd")});
        auto *flux = f.editorFor<QLineEdit>("flux");
        QVERIFY(flux);
        QVERIFY(flux->isReadOnly());
        QCOMPARE(flux->text(), QStringLiteral("3"));
        QVERIFY(f.editor->findChild<QLabel *>(QStringLiteral("kindLabel"))
                    ->text()
                    .contains(QStringLiteral("quantum-widget")));
    }

    void wheelDoesNotChangeAnUnfocusedCombo()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        auto *seccomp = f.editorFor<QComboBox>("seccompProfile");
        const int before = seccomp->currentIndex();
        QWheelEvent wheel(QPointF(5, 5), seccomp->mapToGlobal(QPointF(5, 5)), QPoint(),
                          QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(seccomp, &wheel);
        QCOMPARE(seccomp->currentIndex(), before);
        QCOMPARE(f.stack()->count(), 0);
    }
};

QTEST_MAIN(TestPropertyEditor)
#include "tst_propertyeditor.moc"
