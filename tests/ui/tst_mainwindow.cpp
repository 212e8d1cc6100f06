#include "catalog/catalog.h"
#include "document.h"
#include "mainwindow.h"
#include "testfiles.h"

#include <QApplication>
#include <QListWidget>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace bulkhead;

namespace {

QString example()
{
    return test::sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json"));
}

int countItems(QTreeWidget *tree)
{
    int count = 0;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        ++count;
    return count;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensAModel()
    {
        Document document(builtInCatalog());
        MainWindow window(&document);
        QSignalSpy reset(&document, &Document::modelReset);
        QVERIFY(window.openFile(example()));
        QCOMPARE(reset.count(), 1);
        const ThreatModel &model = document.model();
        QVERIFY(window.windowTitle().contains(QString::fromStdString(model.metadata().title)));
        QVERIFY(window.windowTitle().contains(QStringLiteral("compose-web-app.bulkhead.json")));
        // Every boundary, element and flow appears once, plus the "Data flows" group.
        const int expected = int(model.boundaries().size() + model.elements().size()
                                 + model.flows().size()) + 1;
        QCOMPARE(countItems(window.outlineView()), expected);
        // Elements sit under their boundary.
        for (const Element &e : model.elements()) {
            const auto found = window.outlineView()->findItems(QString::fromStdString(e.id),
                                                               Qt::MatchExactly | Qt::MatchRecursive, 2);
            QCOMPARE(found.size(), 1);
            const QString parentId = found.first()->parent()
                                         ? found.first()->parent()->text(2)
                                         : QString();
            QCOMPARE(parentId, QString::fromStdString(e.boundary));
        }
        // A clean example has no problems to list.
        QCOMPARE(window.problemsView()->count(), 1);
        QCOMPARE(window.problemsView()->item(0)->text(), QStringLiteral("No problems found."));
    }

    void problemsSelectTheirElement()
    {
        Document document(builtInCatalog());
        MainWindow window(&document);
        QVERIFY(window.openFile(test::dataPath(QStringLiteral("validation/self-flow.bulkhead.json"))));
        QListWidget *problems = window.problemsView();
        QCOMPARE(problems->count(), 1);
        QVERIFY(problems->item(0)->text().contains(QStringLiteral("goes from \"web\" to itself")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect rect = problems->visualItemRect(problems->item(0));
        QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, rect.center());
        QVERIFY(window.outlineView()->currentItem());
        QCOMPARE(window.outlineView()->currentItem()->text(2), QStringLiteral("f3"));
    }

    void failedOpenKeepsTheCurrentModel()
    {
        Document document(builtInCatalog());
        MainWindow window(&document);
        QVERIFY(window.openFile(example()));
        const ThreatModel before = document.model();
        const QString title = window.windowTitle();
        QString shownMessage;
        // The error dialog is modal; read and dismiss it once it appears.
        QTimer::singleShot(0, this, [&shownMessage] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box) {
                shownMessage = box->text();
                box->accept();
            }
        });
        const QString bad = test::dataPath(QStringLiteral("bad-input/truncated.bulkhead.json"));
        QVERIFY(!window.openFile(bad));
        QVERIFY2(shownMessage.startsWith(bad + QStringLiteral(":27:10: invalid JSON")), qPrintable(shownMessage));
        QVERIFY(document.model() == before);
        QCOMPARE(window.windowTitle(), title);
        QString error;
        QVERIFY(!document.load(test::dataPath(QStringLiteral("bad-input/directory.bulkhead.json")), &error));
        QVERIFY(error.endsWith(QStringLiteral(": is a directory, not a file")));
        QVERIFY(document.model() == before);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
