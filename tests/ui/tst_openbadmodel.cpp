// Opening a file the reader refuses, in the real window: a number no double holds used to
// abort the whole editor and take unsaved edits with it. Now the user gets one line naming the
// file and place, and the open document, edits and undo history included, stays as it was.

#include "catalog/catalog.h"
#include "commands/renameitemcommand.h"
#include "document.h"
#include "mainwindow.h"
#include "badinputs.h"
#include "testfiles.h"

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace bulkhead;

class TestOpenBadModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_document = std::make_unique<Document>(builtInCatalog());
        m_window = std::make_unique<MainWindow>(m_document.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_document.reset();
    }

    void refusedFileKeepsTheDocument_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1e999") << QStringLiteral("number-overflow.bulkhead.json")
                               << QStringLiteral(":1:2: number 1e999 is out of range");
        QTest::newRow("-1e999 in geometry") << QStringLiteral("number-overflow-negative.bulkhead.json")
                                            << QStringLiteral(":5:54: number -1e999 is out of range");
        QTest::newRow("400-digit integer") << QStringLiteral("number-overflow-integer.bulkhead.json")
                                           << QStringLiteral(":5:63: number 1000");
        QTest::newRow("key forging an error line") << QStringLiteral("forged-error-line.bulkhead.json")
                                                   << QStringLiteral(":4:66: a\\x0abulkhead-cli: other.json:1:1: forged");
    }

    void refusedFileKeepsTheDocument()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString good = test::dataPath(QStringLiteral("validation/valid.bulkhead.json"));
        QVERIFY(m_window->openFile(good));
        m_document->undoStack()->push(new RenameItemCommand(m_document.get(), QStringLiteral("web"), QStringLiteral("Storefront")));
        QVERIFY(m_document->isModified());
        const ThreatModel before = m_document->model();

        const QString bad = test::dataPath(QStringLiteral("bad-input/") + file);
        QString shown;
        QTimer::singleShot(0, this, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->accept();
            }
        });
        QVERIFY(!m_window->openFile(bad));
        QVERIFY2(shown.startsWith(bad + expected), qPrintable(shown));
        QVERIFY2(test::isSafeOneLine(shown), qPrintable(shown));

        QVERIFY(m_document->model() == before);
        QCOMPARE(m_document->model().findElement("web")->name, std::string("Storefront"));
        QCOMPARE(m_document->filePath(), QFileInfo(good).absoluteFilePath());
        QVERIFY(m_document->isModified());
        QCOMPARE(m_document->undoStack()->count(), 1);
    }

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestOpenBadModel)
#include "tst_openbadmodel.moc"
