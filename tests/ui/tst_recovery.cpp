#include "catalog/catalog.h"
#include "document.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"
#include "mainwindow.h"
#include "recoverymanager.h"
#include "specialfiles.h"
#include "testfiles.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

using namespace bulkhead;

/**
 * Crash recovery end to end: a real bulkhead process opens a model that needs saving (a
 * migrated file), autosaves, and is killed; the next start offers the recovery file and
 * restores exactly the autosaved model.
 */
class TestRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Recovery files live under the application's data directory: use the app's names.
        QCoreApplication::setApplicationName(QStringLiteral("Bulkhead"));
        QCoreApplication::setOrganizationName(QStringLiteral("Bulkhead"));
    }

    void killedProcessIsRecovered()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
        const QString model = test::dataPath(QStringLiteral("io/v0-draft.bulkhead.json"));

        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("BULKHEAD_AUTOSAVE_INTERVAL_MS"), QStringLiteral("200"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(environment);
        child.start(QStringLiteral(BULKHEAD_GUI_PATH), {model});
        QVERIFY(child.waitForStarted());
        const QString pattern = QString::number(child.processId()) + QStringLiteral(".bulkhead.json");
        QTRY_VERIFY_WITH_TIMEOUT(QDir(RecoveryManager::recoveryDirectory()).exists(pattern)
                                     || child.state() == QProcess::NotRunning,
                                 30000);
        const bool autosaved = QDir(RecoveryManager::recoveryDirectory()).exists(pattern);
        // A crash: no chance to clean up.
        child.kill();
        child.waitForFinished();
        QVERIFY2(autosaved, child.readAllStandardError().constData());

        Document document(builtInCatalog());
        MainWindow window(&document);
        QTimer::singleShot(0, this, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box)
                box->button(QMessageBox::Yes)->click();
        });
        QVERIFY(window.offerRecovery());
        const auto expected = readModelFile(model.toStdString());
        QVERIFY(expected);
        QVERIFY(document.model() == expected->model);
        QVERIFY(document.isModified());
        QCOMPARE(document.filePath(), model);
        // The orphan is gone, so the next start asks nothing.
        QVERIFY(RecoveryManager::orphans().isEmpty());
    }

    void savingRemovesTheRecoveryFile()
    {
        QTemporaryDir home;
        qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
        Document document(builtInCatalog());
        QString error;
        QVERIFY(document.load(test::dataPath(QStringLiteral("io/v0-draft.bulkhead.json")), &error));
        RecoveryManager recovery(&document);
        recovery.autosave();
        QVERIFY(QFile::exists(recovery.recoveryFile()));
        QVERIFY(document.save(home.filePath(QStringLiteral("saved.bulkhead.json")), &error));
        QVERIFY(!QFile::exists(recovery.recoveryFile()));
        recovery.autosave(); // nothing unsaved: nothing written
        QVERIFY(!QFile::exists(recovery.recoveryFile()));
    }

    void autosavesAreReadableByTheirOwnerOnly()
    {
        QTemporaryDir home;
        qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
        Document document(builtInCatalog());
        QString error;
        QVERIFY(document.load(test::dataPath(QStringLiteral("io/v0-draft.bulkhead.json")), &error));
        RecoveryManager recovery(&document);
        const QString directory = RecoveryManager::recoveryDirectory();
        const QString meta = QString(recovery.recoveryFile()).replace(QStringLiteral(".bulkhead.json"), QStringLiteral(".meta.json"));

        // A new folder, under the usual umask that would make it and its files world-readable.
        const mode_t previous = ::umask(022);
        recovery.autosave();
        QCOMPARE(test::permissions(directory), 0700u);
        QCOMPARE(test::permissions(recovery.recoveryFile()), 0600u);
        QCOMPARE(test::permissions(meta), 0600u);

        // What an earlier version left, 0755 and 0644, is closed at the next autosave.
        QVERIFY(::chmod(QFile::encodeName(directory).constData(), 0755) == 0);
        QVERIFY(::chmod(QFile::encodeName(recovery.recoveryFile()).constData(), 0644) == 0);
        QVERIFY(::chmod(QFile::encodeName(meta).constData(), 0644) == 0);
        recovery.autosave();
        ::umask(previous);
        QCOMPARE(test::permissions(directory), 0700u);
        QCOMPARE(test::permissions(recovery.recoveryFile()), 0600u);
        QCOMPARE(test::permissions(meta), 0600u);
        QCOMPARE(test::readAll(recovery.recoveryFile()), QByteArray::fromStdString(writeModelText(document.model())));
    }

    void noAutosaveIntoAFolderThatIsNotOurs()
    {
        QTemporaryDir home;
        qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
        // Someone put a link where the recovery folder goes: models must not follow it.
        const QString elsewhere = home.filePath(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(elsewhere));
        const QString directory = RecoveryManager::recoveryDirectory();
        QVERIFY(QDir().mkpath(QFileInfo(directory).path()));
        QVERIFY(QFile::link(elsewhere, directory));
        Document document(builtInCatalog());
        QString error;
        QVERIFY(document.load(test::dataPath(QStringLiteral("io/v0-draft.bulkhead.json")), &error));
        RecoveryManager recovery(&document);
        recovery.autosave(); // quietly skipped: editing goes on
        QCOMPARE(QDir(elsewhere).entryList(QDir::Files | QDir::Hidden), QStringList{});
        QCOMPARE(test::fileType(directory), unsigned(S_IFLNK));
    }
};

QTEST_MAIN(TestRecovery)
#include "tst_recovery.moc"
