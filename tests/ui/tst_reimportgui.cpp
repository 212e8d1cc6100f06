// File → Update from Deployment Files…: the dialog lists the drift and follows "Remove what
// disappeared", and the merge is one undoable step that undo takes back whole.

#include "catalog/catalog.h"
#include "commands/reimportcommand.h"
#include "document.h"
#include "layout/graphvizlayoutengine.h"
#include "mainwindow.h"
#include "reimportdialog.h"
#include "testfiles.h"
#include "usecases/deploymentupdate.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <algorithm>

using namespace bulkhead;

namespace {

QString fixture(const char *name)
{
    return bulkhead::test::dataPath(QStringLiteral("import/reimport/") + QLatin1String(name));
}

ThreatModel importFixture(const char *name)
{
    GraphvizLayoutEngine layout;
    auto imported = importForUpdate(DeploymentSource::Compose, {fixture(name)}, QString(), builtInCatalog(), layout);
    if (!imported)
        qFatal("import failed: %s", imported.error().c_str());
    return std::move(imported->model);
}

/** The dialog's rows as "MARKER ITEM: TEXT". */
QStringList rows(const ReimportDialog &dialog)
{
    QStringList lines;
    for (int i = 0; i < dialog.list()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = dialog.list()->topLevelItem(i);
        lines << row->text(0) + QLatin1Char(' ') + row->text(1) + QStringLiteral(": ") + row->text(2);
    }
    return lines;
}

bool hasRow(const ReimportDialog &dialog, const QString &start)
{
    const QStringList lines = rows(dialog);
    return std::any_of(lines.begin(), lines.end(), [&](const QString &line) { return line.startsWith(start); });
}

} // namespace

class TestReimportGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void updateIsOneUndoableStep()
    {
        Document document(builtInCatalog());
        const ThreatModel original = importFixture("before.yml");
        QVERIFY(document.loadModel(original, QString(), false));
        // The files were remembered, absolute, as the model has no file yet.
        QCOMPARE(rememberedDeploymentFiles(document.model(), QString()), QStringList{QDir::cleanPath(fixture("before.yml"))});

        ReimportDialog dialog(document.model(), importFixture("after.yml"));
        QVERIFY2(hasRow(dialog, QStringLiteral("+ element \"cache\" (compose:cache): added")), qPrintable(rows(dialog).join('\n')));
        QVERIFY(hasRow(dialog, QStringLiteral("- element \"worker\" (compose:worker): gone from the deployment files; kept")));
        dialog.pruneBox()->setChecked(true);
        QVERIFY(hasRow(dialog, QStringLiteral("- element \"worker\" (compose:worker): gone from the deployment files; removed")));

        document.undoStack()->push(new ReimportCommand(&document, dialog.result().model));
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(document.model() == dialog.result().model);
        QVERIFY(document.model() != original);
        document.undoStack()->undo();
        QVERIFY(document.model() == original);
        document.undoStack()->redo();
        QVERIFY(document.model() == dialog.result().model);
    }

    void theFileMenuOffersTheUpdate()
    {
        Document document(builtInCatalog());
        MainWindow window(&document);
        bool found = false;
        for (const QAction *action : window.findChildren<QAction *>())
            found = found || action->text() == QStringLiteral("&Update from Deployment Files…");
        QVERIFY(found);
    }
};

QTEST_MAIN(TestReimportGui)
#include "tst_reimportgui.moc"
