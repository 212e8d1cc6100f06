// bulkhead-cli import ... --into MODEL [--prune]: the drift report, the merged file, and how
// misuse and a missing model fail.

#include "clirunner.h"
#include "testfiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

using bulkhead::test::CliResult;

CliResult runCli(const QStringList &arguments)
{
    return bulkhead::test::runProgram(QStringLiteral(BULKHEAD_CLI_PATH), arguments);
}

QString fixture(const char *name)
{
    return bulkhead::test::dataPath(QStringLiteral("import/reimport/") + QLatin1String(name));
}

} // namespace

class TestCliReimport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reimportReportsTheDriftAndPrunesOnlyWhenAsked()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("shop.bulkhead.json"));
        const CliResult first =
            runCli({QStringLiteral("import"), QStringLiteral("compose"), fixture("before.yml"), QStringLiteral("-o"), model});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QByteArray imported = bulkhead::test::readAll(model);
        QVERIFY(imported.contains("\"identity\": \"compose:worker\""));
        // The files are remembered relative to the model.
        QVERIFY(!imported.contains(dir.path().toUtf8() + "/"));

        const QString merged = dir.filePath(QStringLiteral("merged.bulkhead.json"));
        const CliResult update = runCli({QStringLiteral("import"), QStringLiteral("compose"), fixture("after.yml"),
                                         QStringLiteral("--into"), model, QStringLiteral("-o"), merged});
        QVERIFY2(update.exitCode == 0, qPrintable(update.err));
        QVERIFY2(update.out.contains(QStringLiteral("+ element \"cache\" (compose:cache): added")), qPrintable(update.out));
        QVERIFY2(update.out.contains(QStringLiteral("- element \"worker\" (compose:worker): gone from the deployment files; kept")),
                 qPrintable(update.out));
        QVERIFY(bulkhead::test::readAll(merged).contains("\"identity\": \"compose:worker\""));

        const QString pruned = dir.filePath(QStringLiteral("pruned.bulkhead.json"));
        const CliResult prune = runCli({QStringLiteral("import"), QStringLiteral("compose"), fixture("after.yml"),
                                        QStringLiteral("--into"), model, QStringLiteral("--prune"), QStringLiteral("-o"),
                                        pruned});
        QVERIFY2(prune.exitCode == 0, qPrintable(prune.err));
        QVERIFY2(prune.out.contains(QStringLiteral("- element \"worker\" (compose:worker): gone from the deployment files; removed")),
                 qPrintable(prune.out));
        QVERIFY(!bulkhead::test::readAll(pruned).contains("compose:worker"));
    }

    void misuseAndAMissingModelFail()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.bulkhead.json"));
        const QString missing = dir.filePath(QStringLiteral("missing.bulkhead.json"));
        const CliResult noModel = runCli({QStringLiteral("import"), QStringLiteral("compose"), fixture("after.yml"),
                                          QStringLiteral("--into"), missing, QStringLiteral("-o"), out});
        QCOMPARE(noModel.exitCode, 2);
        QVERIFY2(noModel.err.contains(missing), qPrintable(noModel.err));
        QVERIFY(!QFile::exists(out));

        const CliResult pruneAlone = runCli({QStringLiteral("import"), QStringLiteral("compose"), fixture("after.yml"),
                                             QStringLiteral("--prune"), QStringLiteral("-o"), out});
        QCOMPARE(pruneAlone.exitCode, 2);
        QVERIFY2(pruneAlone.err.contains(QStringLiteral("--prune")), qPrintable(pruneAlone.err));
    }
};

QTEST_GUILESS_MAIN(TestCliReimport)
#include "tst_cli_reimport.moc"
