#include "catalog/catalog.h"
#include "document.h"
#include "exportdialog.h"
#include "io/modelwriter.h"
#include "mainwindow.h"
#include "specialfiles.h"
#include "testfiles.h"

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

using namespace bulkhead;

Q_DECLARE_METATYPE(bulkhead::test::SpecialFile)

/**
 * The editor's Save, Save As and Export go through the same safe writer as the CLI: what must
 * not be replaced is refused with an error that names the file, and nothing unsaved is lost.
 */
class TestEditorSaves : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The window's autosave must not write into the real user's data directory.
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_scratch.filePath(QStringLiteral("data"))));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_scratch.filePath(QStringLiteral("config"))));
    }

    void init()
    {
        QVERIFY(m_scratch.isValid());
        m_document = std::make_unique<Document>(builtInCatalog());
        QString error;
        // A migrated file: the document starts with something to save.
        QVERIFY2(m_document->load(test::dataPath(QStringLiteral("io/v0-draft.bulkhead.json")), &error), qPrintable(error));
        QVERIFY(m_document->isModified());
    }

    void cleanup()
    {
        m_window.reset();
        m_document.reset();
    }

    void saveRefusesSpecialFiles_data()
    {
        QTest::addColumn<test::SpecialFile>("kind");
        QTest::newRow("fifo") << test::SpecialFile::Fifo;
        QTest::newRow("socket") << test::SpecialFile::Socket;
        QTest::newRow("directory") << test::SpecialFile::Directory;
        QTest::newRow("block device") << test::SpecialFile::BlockDevice;
    }

    void saveRefusesSpecialFiles()
    {
        QFETCH(test::SpecialFile, kind);
        const QString path = m_scratch.filePath(QStringLiteral("special-%1").arg(QTest::currentDataTag()));
        if (const QString why = test::makeSpecialFile(kind, path); !why.isEmpty())
            QSKIP(qPrintable(why));
        const unsigned type = test::fileType(path);
        QString error;
        QVERIFY(!m_document->save(path, &error));
        QCOMPARE(error, QStringLiteral("%1: is %2, not a regular file; not writing to it")
                            .arg(path, test::describeSpecialFile(kind)));
        QCOMPARE(test::fileType(path), type);
        QVERIFY(m_document->isModified()); // the changes are still there to save elsewhere
    }

    void saveRefusesAReadOnlyFile()
    {
        const QString path = m_scratch.filePath(QStringLiteral("frozen.bulkhead.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("old") == 3);
        file.close();
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        QString error;
        QVERIFY(!m_document->save(path, &error));
        QCOMPARE(error, path + QStringLiteral(": is read-only; not replacing it"));
        QCOMPARE(test::readAll(path), QByteArray("old"));
        QVERIFY(m_document->isModified());
    }

    void saveThroughADanglingLinkCreatesItsTarget()
    {
        const QString link = m_scratch.filePath(QStringLiteral("link.bulkhead.json"));
        const QString target = m_scratch.filePath(QStringLiteral("target.bulkhead.json"));
        QVERIFY(QFile::link(target, link));
        QString error;
        QVERIFY2(m_document->save(link, &error), qPrintable(error));
        QCOMPARE(test::fileType(link), unsigned(S_IFLNK));
        QCOMPARE(test::readAll(target), QByteArray::fromStdString(writeModelText(m_document->model())));
        QCOMPARE(m_document->filePath(), link); // the user goes on saving through the link
        QVERIFY(!m_document->isModified());
    }

    void exportRefusesAFifo_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("html") << int(ExportDialog::Format::Html);
        QTest::newRow("pdf") << int(ExportDialog::Format::Pdf);
    }

    void exportRefusesAFifo()
    {
        QFETCH(int, format);
        const QString path = m_scratch.filePath(QStringLiteral("report-%1").arg(QTest::currentDataTag()));
        QCOMPARE(test::makeSpecialFile(test::SpecialFile::Fifo, path), QString());
        m_window = std::make_unique<MainWindow>(m_document.get());
        const QString shown = exportExpectingAnError(path, format);
        QCOMPARE(shown, path + QStringLiteral(": is a named pipe (FIFO), not a regular file; not writing to it"));
        QCOMPARE(test::fileType(path), unsigned(S_IFIFO));
    }

    void exportWritesIntoADevice_data()
    {
        exportRefusesAFifo_data();
    }

    void exportWritesIntoADevice()
    {
        QFETCH(int, format);
        m_window = std::make_unique<MainWindow>(m_document.get());
        QTemporaryDir devices;
        const QString null = test::characterDevice(devices.path(), false);
        QVERIFY(m_window->exportReport(null, format));
        QCOMPARE(test::fileType(null), unsigned(S_IFCHR));
        const QString full = test::characterDevice(devices.path(), true);
        QCOMPARE(exportExpectingAnError(full, format), full + QStringLiteral(": cannot write: No space left on device"));
        QCOMPARE(test::fileType(full), unsigned(S_IFCHR));
    }

private:
    /** Exports to `path`, which must fail; returns the text of the error box it shows. */
    QString exportExpectingAnError(const QString &path, int format)
    {
        QString shown;
        QTimer::singleShot(0, this, [&shown] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->accept();
            }
        });
        if (m_window->exportReport(path, format))
            QTest::qFail("the export succeeded", __FILE__, __LINE__);
        return shown;
    }

    QTemporaryDir m_scratch;
    std::unique_ptr<Document> m_document;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestEditorSaves)
#include "tst_editorsaves.moc"
