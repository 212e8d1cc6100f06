#include "clirunner.h"
#include "specialfiles.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>

/**
 * What every bulkhead-cli command that writes a file does with what is already there (issue
 * 13, safe saves): FIFOs, sockets, directories and block devices are refused, character
 * devices are written and kept, read-only files need --force, symbolic links are kept, and
 * output lost to a full disk or device is exit 2 — on -o and on standard output.
 */
namespace {

using bulkhead::test::CliResult;

struct RunOptions
{
    /** Standard output goes here instead of to the test. */
    QString standardOutputFile;
    /** RLIMIT_FSIZE for the command: writing past it fails with EFBIG, like a full disk. */
    rlim_t fileSizeLimit = RLIM_INFINITY;
};

CliResult runCli(const QStringList &arguments, const RunOptions &options = {})
{
    bulkhead::test::CliRunOptions run;
    run.standardOutputFile = options.standardOutputFile;
    if (options.fileSizeLimit != RLIM_INFINITY) {
        const rlim_t limit = options.fileSizeLimit;
        run.childSetup = [limit] {
            // Runs in the child before exec. Ignored, SIGXFSZ turns into the EFBIG error.
            std::signal(SIGXFSZ, SIG_IGN);
            rlimit size {};
            ::getrlimit(RLIMIT_FSIZE, &size);
            size.rlim_cur = limit;
            ::setrlimit(RLIMIT_FSIZE, &size);
        };
    }
    return bulkhead::test::runProgram(QStringLiteral(BULKHEAD_CLI_PATH), arguments, run);
}

QString example()
{
    return bulkhead::test::sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json"));
}

/** The arguments of one writer with "-o OUTPUT". */
using Writer = QStringList (*)(const QString &output);

QStringList analyzeJson(const QString &output)
{
    return {QStringLiteral("analyze"), example(), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-o"), output};
}

QStringList reportHtml(const QString &output)
{
    return {QStringLiteral("report"), example(), QStringLiteral("--format"), QStringLiteral("html"), QStringLiteral("-o"), output};
}

QStringList reportMarkdown(const QString &output)
{
    return {QStringLiteral("report"), example(), QStringLiteral("--format"), QStringLiteral("md"), QStringLiteral("-o"), output};
}

QStringList reportPdf(const QString &output)
{
    return {QStringLiteral("report"), example(), QStringLiteral("--format"), QStringLiteral("pdf"), QStringLiteral("-o"), output};
}

QStringList migrate(const QString &output)
{
    return {QStringLiteral("migrate"), example(), QStringLiteral("-o"), output};
}

QStringList layout(const QString &output)
{
    return {QStringLiteral("layout"), example(), QStringLiteral("-o"), output};
}

QStringList importCompose(const QString &output)
{
    return {QStringLiteral("import"), QStringLiteral("compose"),
            bulkhead::test::dataPath(QStringLiteral("import/compose/web-stack/compose.yml")), QStringLiteral("-o"), output};
}

QStringList catalogList(const QString &output)
{
    return {QStringLiteral("catalog"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json"),
            QStringLiteral("-o"), output};
}

void addWriterRows()
{
    QTest::addColumn<Writer>("writer");
    QTest::newRow("analyze") << Writer(analyzeJson);
    QTest::newRow("report html") << Writer(reportHtml);
    QTest::newRow("report md") << Writer(reportMarkdown);
    QTest::newRow("report pdf") << Writer(reportPdf);
    QTest::newRow("migrate") << Writer(migrate);
    QTest::newRow("layout") << Writer(layout);
    QTest::newRow("import compose") << Writer(importCompose);
    QTest::newRow("catalog list") << Writer(catalogList);
}

QStringList litterIn(const QString &directory)
{
    return QDir(directory).entryList({QStringLiteral(".*.??????")}, QDir::Files | QDir::Hidden | QDir::System);
}

} // namespace

Q_DECLARE_METATYPE(Writer)
Q_DECLARE_METATYPE(bulkhead::test::SpecialFile)

class TestCliSaves : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void specialFilesAreRefused_data()
    {
        addWriterRows();
    }

    void specialFilesAreRefused()
    {
        QFETCH(Writer, writer);
        using bulkhead::test::SpecialFile;
        for (SpecialFile kind : {SpecialFile::Fifo, SpecialFile::Socket, SpecialFile::Directory, SpecialFile::BlockDevice}) {
            QTemporaryDir dir;
            const QString target = dir.filePath(QStringLiteral("out"));
            if (const QString why = bulkhead::test::makeSpecialFile(kind, target); !why.isEmpty()) {
                qInfo("%s: not tried: %s", qPrintable(bulkhead::test::describeSpecialFile(kind)), qPrintable(why));
                continue;
            }
            const unsigned type = bulkhead::test::fileType(target);
            const CliResult result = runCli(writer(target));
            QCOMPARE(result.exitCode, 2);
            QCOMPARE(result.err, QStringLiteral("bulkhead-cli: %1: is %2, not a regular file; not writing to it\n")
                                     .arg(target, bulkhead::test::describeSpecialFile(kind)));
            QCOMPARE(result.out, QString());
            QCOMPARE(bulkhead::test::fileType(target), type);
            QCOMPARE(litterIn(dir.path()), QStringList{});
        }
    }

    void characterDevicesAreWrittenAndKept_data()
    {
        addWriterRows();
    }

    void characterDevicesAreWrittenAndKept()
    {
        QFETCH(Writer, writer);
        QTemporaryDir dir;
        const QString null = bulkhead::test::characterDevice(dir.path(), false);
        const CliResult written = runCli(writer(null));
        QCOMPARE(written.exitCode, 0);
        QCOMPARE(written.err, QString());
        QCOMPARE(bulkhead::test::fileType(null), unsigned(S_IFCHR));

        // A device that takes nothing: the output is lost, and the exit status says so.
        const QString full = bulkhead::test::characterDevice(dir.path(), true);
        const CliResult lost = runCli(writer(full));
        QCOMPARE(lost.exitCode, 2);
        QCOMPARE(lost.err, QStringLiteral("bulkhead-cli: %1: cannot write: No space left on device\n").arg(full));
        QCOMPARE(bulkhead::test::fileType(full), unsigned(S_IFCHR));
        QCOMPARE(litterIn(dir.path()), QStringList{});
    }

    void readOnlyFilesNeedForce_data()
    {
        addWriterRows();
    }

    void readOnlyFilesNeedForce()
    {
        QFETCH(Writer, writer);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("frozen"));
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("old") == 3);
        file.close();
        QVERIFY(QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));

        const CliResult refused = runCli(writer(target));
        QCOMPARE(refused.exitCode, 2);
        QCOMPARE(refused.err, QStringLiteral("bulkhead-cli: %1: is read-only; give --force to replace it\n").arg(target));
        QCOMPARE(bulkhead::test::readAll(target), QByteArray("old"));

        const CliResult forced = runCli(writer(target) << QStringLiteral("--force"));
        QCOMPARE(forced.exitCode, 0);
        QCOMPARE(forced.err, QString());
        QVERIFY(bulkhead::test::readAll(target).size() > 100);
        QCOMPARE(bulkhead::test::permissions(target), 0444u); // replaced, and still read-only
    }

    void symbolicLinksAreKept_data()
    {
        addWriterRows();
    }

    void symbolicLinksAreKept()
    {
        QFETCH(Writer, writer);
        QTemporaryDir dir;
        // Dangling: the file it names is created, the link stays.
        const QString link = dir.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("created")), link));
        QCOMPARE(runCli(writer(link)).exitCode, 0);
        QCOMPARE(bulkhead::test::fileType(link), unsigned(S_IFLNK));
        const QByteArray created = bulkhead::test::readAll(dir.filePath(QStringLiteral("created")));
        QVERIFY(created.size() > 100);
        // And now that it points to a file, that file is replaced and the link kept.
        QFile::resize(dir.filePath(QStringLiteral("created")), 0);
        QCOMPARE(runCli(writer(link)).exitCode, 0);
        QCOMPARE(bulkhead::test::fileType(link), unsigned(S_IFLNK));
        QCOMPARE(bulkhead::test::readAll(dir.filePath(QStringLiteral("created"))).size(), created.size());
    }

    void lostStandardOutputIsAnError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("analyze json") << QStringList{QStringLiteral("analyze"), example(), QStringLiteral("--format"), QStringLiteral("json")};
        QTest::newRow("validate") << QStringList{QStringLiteral("validate"), example()};
        QTest::newRow("catalog list") << QStringList{QStringLiteral("catalog"), QStringLiteral("list")};
        QTest::newRow("help") << QStringList{QStringLiteral("--help")};
    }

    void lostStandardOutputIsAnError()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const CliResult full = runCli(arguments, {bulkhead::test::characterDevice(dir.path(), true)});
        QCOMPARE(full.exitCode, 2);
        QCOMPARE(full.err, QStringLiteral("bulkhead-cli: standard output: cannot write: No space left on device\n"));

        // A full file system: here a file size limit, which fails the same way (EFBIG).
        const QString captured = dir.filePath(QStringLiteral("captured.txt"));
        RunOptions limited;
        limited.standardOutputFile = captured;
        limited.fileSizeLimit = 10;
        const CliResult truncated = runCli(arguments, limited);
        QCOMPARE(truncated.exitCode, 2);
        QCOMPARE(truncated.err, QStringLiteral("bulkhead-cli: standard output: cannot write: File too large\n"));
    }

    void aFullDiskKeepsTheOldOutputFile()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.bulkhead.json"));
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("old") == 3);
        file.close();
        RunOptions limited;
        limited.fileSizeLimit = 1000; // the model is about 16 KB
        const CliResult result = runCli(migrate(target), limited);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err, QStringLiteral("bulkhead-cli: %1: cannot write: File too large\n").arg(target));
        QCOMPARE(bulkhead::test::readAll(target), QByteArray("old"));
        QCOMPARE(litterIn(dir.path()), QStringList{});
    }

    void outputToTheStandardOutputPipe()
    {
        // -o /dev/stdout with a pipe as standard output (as here): written through the pipe.
        const CliResult direct = runCli(analyzeJson(QStringLiteral("/dev/stdout")));
        QCOMPARE(direct.exitCode, 0);
        QCOMPARE(direct.err, QString());
        const CliResult plain = runCli({QStringLiteral("analyze"), example(), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(plain.out.size() > 1000);
        QCOMPARE(direct.out, plain.out);
    }

    void forceNeedsAFileToWrite_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString misuse = QStringLiteral("--force applies to the -o FILE a command writes");
        QTest::newRow("validate") << QStringList{QStringLiteral("validate"), example(), QStringLiteral("--force")} << misuse;
        QTest::newRow("analyze to stdout") << QStringList{QStringLiteral("analyze"), example(), QStringLiteral("--force")} << misuse;
        QTest::newRow("catalog list") << QStringList{QStringLiteral("catalog"), QStringLiteral("list"), QStringLiteral("--force")} << misuse;
        QTest::newRow("catalog lint")
            << QStringList{QStringLiteral("catalog"), QStringLiteral("lint"), QStringLiteral("--force"),
                           bulkhead::test::sourcePath(QStringLiteral("catalogs/threats-runtime-and-host.json"))}
            << misuse;
    }

    void forceNeedsAFileToWrite()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.out, QString());
        QCOMPARE(result.err, QStringLiteral("bulkhead-cli: %1 (see bulkhead-cli --help)\n").arg(expected));
    }
};

QTEST_GUILESS_MAIN(TestCliSaves)
#include "tst_cli_saves.moc"
