// Every label the property editor shows for the built-in catalog, against
// tests/data/catalog/property-labels.txt: the sections and row labels of one item of each kind
// (and of a flow), and the title of the list dialog of every list property. The labels moved
// from code to the catalog; this pins them so that no label changes on the way.
// BULKHEAD_UPDATE_GOLDEN=1 rewrites the file (the test then skips, saying so); review git diff.
#include "catalog/catalog.h"
#include "document.h"
#include "panels/propertyeditor.h"
#include "panels/propertysection.h"
#include "testfiles.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace bulkhead;

namespace {

/** The item of each kind, and a flow between two of them. */
void addOneOfEach(Document &document)
{
    int elements = 0;
    int boundaries = 0;
    for (const ElementKind &kind : builtInCatalog().elementKinds()) {
        if (kind.isBoundary()) {
            Boundary b;
            b.id = kind.id;
            b.kind = kind.id;
            b.name = kind.displayName;
            b.geometry = {0, 0, 100, 100};
            document.insertBoundary(boundaries++, b);
        } else {
            Element e;
            e.id = kind.id;
            e.kind = kind.id;
            e.name = kind.displayName;
            e.geometry = {0, 0, 100, 60};
            document.insertElement(elements++, e);
        }
    }
    Flow flow;
    flow.id = "a-flow";
    flow.name = "A flow";
    flow.source = "container";
    flow.target = "database";
    document.insertFlow(0, flow);
}

/** The title of the list dialog the row's "…" button opens (the dialog is cancelled). */
QString listDialogTitle(PropertyEditor &editor, const QString &property)
{
    auto *button = editor.findChild<QToolButton *>(QStringLiteral("edit:") + property);
    if (!button)
        return {};
    QString title;
    QTimer::singleShot(0, &editor, [&title] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            title = dialog->windowTitle();
            dialog->reject();
        }
    });
    button->click();
    return title;
}

/** The form as text: "# Section" lines, "name: Label" rows, "name (list): Title" dialogs. */
QString describeForm(PropertyEditor &editor)
{
    if (editor.sections().isEmpty())
        return QStringLiteral("(no form)\n");
    QString out;
    for (const PropertySection *section : editor.sections()) {
        out += QStringLiteral("# %1\n").arg(section->title());
        const QFormLayout *form = section->form();
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *labelItem = form->itemAt(row, QFormLayout::LabelRole);
            auto *label = labelItem ? qobject_cast<QLabel *>(labelItem->widget()) : nullptr;
            if (!label || !label->buddy())
                continue;
            const QString name = label->buddy()->objectName();
            out += QStringLiteral("%1: %2\n").arg(name, label->text());
            if (const QString title = listDialogTitle(editor, name); !title.isEmpty())
                out += QStringLiteral("%1 (list): %2\n").arg(name, title);
        }
    }
    return out;
}

} // namespace

class TestPropertyLabels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyBuiltInLabelIsAsBefore()
    {
        Document document(builtInCatalog());
        addOneOfEach(document);
        PropertyEditor editor(&document);
        editor.resize(360, 700);
        editor.show();

        QStringList ids;
        for (const ElementKind &kind : builtInCatalog().elementKinds())
            ids.append(QString::fromStdString(kind.id));
        ids.append(QStringLiteral("a-flow"));
        QString actual;
        for (const QString &id : ids) {
            editor.setSelection({id});
            actual += QStringLiteral("[%1]\n").arg(id) + describeForm(editor);
        }

        const QString golden = test::dataPath(QStringLiteral("catalog/property-labels.txt"));
        if (qEnvironmentVariable("BULKHEAD_UPDATE_GOLDEN") == QLatin1String("1")) {
            QFile file(golden);
            QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate),
                     qPrintable(file.errorString()));
            file.write(actual.toUtf8());
            QSKIP("BULKHEAD_UPDATE_GOLDEN=1: wrote the labels; review them with git diff");
        }
        const QStringList expected = QString::fromUtf8(test::readAll(golden)).split(u'\n');
        const QStringList lines = actual.split(u'\n');
        for (qsizetype i = 0; i < std::min(expected.size(), lines.size()); ++i) {
            const QString where = QStringLiteral("property-labels.txt:%1: ").arg(i + 1);
            QVERIFY2(lines[i] == expected[i],
                     qPrintable(where + QStringLiteral("expected \"%1\", shown \"%2\"")
                                            .arg(expected[i], lines[i])));
        }
        QCOMPARE(lines.size(), expected.size());
    }
};

QTEST_MAIN(TestPropertyLabels)
#include "tst_propertylabels.moc"
