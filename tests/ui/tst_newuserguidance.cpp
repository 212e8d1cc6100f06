// What a new user sees first: the empty-canvas hint, the examples with their descriptions, the
// bundled guide, the shortcut list and what status and residual severity mean.

#include "canvas/diagramview.h"
#include "catalog/catalog.h"
#include "document.h"
#include "examplelibrary.h"
#include "helpdialogs.h"
#include "mainwindow.h"
#include "panels/threattablemodel.h"

#include <QApplication>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QUndoStack>

#include <memory>

using namespace bulkhead;

namespace {

QPushButton *button(QWidget *parent, const QString &text)
{
    for (QPushButton *b : parent->findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

} // namespace

class TestNewUserGuidance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_document = std::make_unique<Document>(builtInCatalog());
        m_window = std::make_unique<MainWindow>(m_document.get());
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_document->undoStack()->clear();
        m_document->clear();
        m_window.reset();
        m_document.reset();
    }

    void emptyCanvasShowsWhatToDo()
    {
        auto *hint = m_window->view()->findChild<QWidget *>(QStringLiteral("emptyCanvasHint"));
        QVERIFY(hint);
        QVERIFY(hint->isVisible());
        QVERIFY(button(hint, QStringLiteral("Open an Example…")));
        QVERIFY(button(hint, QStringLiteral("Docker Compose Files…")));
        QVERIFY(button(hint, QStringLiteral("Kubernetes Manifests…")));
        QVERIFY(hint->findChild<QWidget *>(QStringLiteral("stencilHint")));
        // Centred on the canvas, inside it.
        const QRect canvas = m_window->view()->viewport()->geometry();
        QVERIFY2(canvas.contains(hint->geometry().center(), true),
                 qPrintable(QStringLiteral("canvas %1x%2, hint at %3,%4").arg(canvas.width()).arg(canvas.height())
                                .arg(hint->x()).arg(hint->y())));
        QVERIFY(qAbs(canvas.center().x() - hint->geometry().center().x()) <= 1);

        QVERIFY(m_window->openExample(MainWindow::exampleResources().first()));
        QVERIFY(!hint->isVisible());
        m_document->clear();
        QVERIFY(hint->isVisible());
    }

    void hintOpensAnExampleFromTheDialog()
    {
        auto *hint = m_window->view()->findChild<QWidget *>(QStringLiteral("emptyCanvasHint"));
        QPushButton *open = button(hint, QStringLiteral("Open an Example…"));
        QVERIFY(open);
        bool chosen = false;
        QTimer::singleShot(0, this, [&chosen] {
            auto *dialog = qobject_cast<ExamplesDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            auto *list = dialog->findChild<QListWidget *>(QStringLiteral("exampleList"));
            list->setCurrentRow(0);
            chosen = true;
            dialog->accept();
        });
        open->click();
        QVERIFY(chosen);
        QVERIFY(!m_document->model().elements().empty());
        QCOMPARE(m_document->model().metadata().title,
                 bundledExamples().first().title.toStdString());
    }

    void examplesDialogShowsDescriptions()
    {
        ExamplesDialog dialog;
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("exampleList"));
        const QList<BundledExample> examples = bundledExamples();
        QCOMPARE(list->count(), int(examples.size()));
        QVERIFY(!examples.isEmpty());
        for (int row = 0; row < list->count(); ++row) {
            QVERIFY(!examples[row].description.isEmpty());
            QVERIFY(list->item(row)->text().contains(examples[row].description));
        }
    }

    void userGuideIsBundled()
    {
        UserGuideDialog guide;
        QVERIFY(guide.showPage(QStringLiteral("editor.md")));
        const QString text = guide.browser()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Status versus residual severity")), qPrintable(text.left(200)));
        QVERIFY(!guide.showPage(QStringLiteral("no-such-page.md")));
        auto *pages = guide.findChild<QListWidget *>(QStringLiteral("guidePages"));
        QCOMPARE(pages->item(0)->text(), QStringLiteral("editor.md"));
        QVERIFY(pages->findItems(QStringLiteral("import.md"), Qt::MatchExactly).size() == 1);
    }

    void helpMenuOffersGuideAndShortcuts()
    {
        QStringList help;
        for (QAction *menu : m_window->menuBar()->actions())
            if (menu->text() == QStringLiteral("&Help"))
                for (QAction *action : menu->menu()->actions())
                    help << action->text();
        QVERIFY2(help.contains(QStringLiteral("&User Guide")), qPrintable(help.join(u',')));
        QVERIFY(help.contains(QStringLiteral("&Keyboard Shortcuts")));
    }

    void shortcutListComesFromTheActions()
    {
        ShortcutsDialog dialog(m_window->menuBar());
        const QTableWidget *table = dialog.table();
        QMap<QString, QString> rows;
        for (int row = 0; row < table->rowCount(); ++row)
            rows.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
        QCOMPARE(rows.value(QStringLiteral("Edit \u2192 Undo")),
                 QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText));
        QCOMPARE(rows.value(QStringLiteral("Model \u2192 Properties…")),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P).toString(QKeySequence::NativeText));
        // A shortcut given to a new action shows up without editing any list.
        QMenu *extra = m_window->menuBar()->addMenu(QStringLiteral("&Extra"));
        extra->addAction(QStringLiteral("&Frobnicate"))->setShortcut(QKeySequence(Qt::Key_F7));
        ShortcutsDialog again(m_window->menuBar());
        QCOMPARE(again.table()->rowCount(), table->rowCount() + 1);
    }

    void tooltipsExplainStatusVersusResidual()
    {
        ThreatTableModel model(m_window->analysis());
        const QString severity =
            model.headerData(ThreatTableModel::SeverityColumn, Qt::Horizontal, Qt::ToolTipRole).toString();
        const QString status =
            model.headerData(ThreatTableModel::StatusColumn, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY(severity.contains(QStringLiteral("status does not change it")));
        QVERIFY(status.contains(QStringLiteral("does not lower the residual severity")));
    }

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestNewUserGuidance)
#include "tst_newuserguidance.moc"
