#include "badinputs.h"
#include "core/version.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList &arguments, const QString &workingDirectory = QString(),
                 bool unprivileged = false)
{
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    if (unprivileged && ::geteuid() == 0) {
        process.setChildProcessModifier([] {
            // Runs in the child before exec: become an ordinary user so permissions apply.
            if (::setgid(bulkhead::test::nobodyUid) != 0 || ::setuid(bulkhead::test::nobodyUid) != 0)
                ::_exit(99);
        });
    }
    process.start(QStringLiteral(BULKHEAD_CLI_PATH), arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        return {};
    }
    CliResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString example()
{
    return bulkhead::test::sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json"));
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_scratch.isValid());
        // The unprivileged run must be able to reach the files it is given.
        QFile::setPermissions(m_scratch.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                    | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                                    | QFileDevice::ExeOther | QFileDevice::ReadGroup
                                                    | QFileDevice::ExeGroup);
    }

    void helpAndVersion()
    {
        const CliResult help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith(QStringLiteral("Usage: bulkhead-cli")));
        QVERIFY(help.out.contains(QStringLiteral("validate MODEL")));
        QVERIFY(help.out.contains(QStringLiteral("migrate MODEL -o FILE")));
        const CliResult version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QStringLiteral("bulkhead-cli %1\n").arg(QString::fromUtf8(bulkhead::bulkheadVersion)));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("no command given");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QStringLiteral("unknown command \"frobnicate\"");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("validate"), QStringLiteral("--colour"), example()}
            << QStringLiteral("unknown option --colour");
        QTest::newRow("validate without model") << QStringList{QStringLiteral("validate")}
                                                << QStringLiteral("validate takes exactly one MODEL");
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("validate"), example(), QStringLiteral("--format"), QStringLiteral("xml")}
            << QStringLiteral("validate --format must be text or json");
        QTest::newRow("migrate without -o") << QStringList{QStringLiteral("migrate"), example()}
                                            << QStringLiteral("migrate needs -o FILE");
        QTest::newRow("option without value") << QStringList{QStringLiteral("migrate"), example(), QStringLiteral("-o")}
                                              << QStringLiteral("option -o needs a value");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(result.err.startsWith(QStringLiteral("bulkhead-cli: ") + expected), qPrintable(result.err));
    }

    void validateCleanModel()
    {
        // From an unrelated working directory: nothing may be read relative to it.
        const CliResult result = runCli({QStringLiteral("validate"), example()}, QDir::rootPath());
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.err.isEmpty());
        QCOMPARE(result.out, example() + QStringLiteral(": 0 errors, 0 warnings\n"));
    }

    void validateReportsModelErrors()
    {
        const QString path = bulkhead::test::dataPath(QStringLiteral("validation/self-flow.bulkhead.json"));
        const CliResult text = runCli({QStringLiteral("validate"), path});
        QCOMPARE(text.exitCode, 1);
        QVERIFY(text.out.contains(path + QStringLiteral(": error: flow \"loop\" (f3) goes from \"web\" to itself [self-flow]\n")));
        QVERIFY(text.out.endsWith(path + QStringLiteral(": 1 error, 0 warnings\n")));

        const CliResult json = runCli({QStringLiteral("validate"), path, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("errors")).toInt(), 1);
        const QJsonObject first = report.value(QStringLiteral("diagnostics")).toArray().first().toObject();
        QCOMPARE(first.value(QStringLiteral("code")).toString(), QStringLiteral("self-flow"));
        QCOMPARE(first.value(QStringLiteral("subject")).toString(), QStringLiteral("f3"));
    }

    void validateWithExtraCatalog()
    {
        // Without the overlay the kind is unknown (exit 1); with it the model is valid.
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("gpu.bulkhead.json"));
        QFile file(model);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "bulkhead-threat-model", "formatVersion": 1,
            "boundaries": [{"id": "n", "kind": "gpu-node", "name": "gpu node"}]})");
        file.close();
        QCOMPARE(runCli({QStringLiteral("validate"), model}).exitCode, 1);
        const QString overlay = bulkhead::test::dataPath(QStringLiteral("catalog/overlay.json"));
        QCOMPARE(runCli({QStringLiteral("validate"), model, QStringLiteral("--catalog"), overlay}).exitCode, 0);
        const QString broken = bulkhead::test::dataPath(QStringLiteral("catalog/bad/unknown-role.json"));
        const CliResult bad = runCli({QStringLiteral("validate"), model, QStringLiteral("--catalog"), broken});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.startsWith(QStringLiteral("bulkhead-cli: ") + broken + QLatin1Char(':')), qPrintable(bad.err));
    }

    void migrateIsIdempotent_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("current format") << bulkhead::test::dataPath(QStringLiteral("io/full.bulkhead.json"));
        QTest::newRow("format 0") << bulkhead::test::dataPath(QStringLiteral("io/v0-draft.bulkhead.json"));
        QTest::newRow("example") << example();
    }

    void migrateIsIdempotent()
    {
        QFETCH(QString, source);
        QTemporaryDir dir;
        const QString b = dir.filePath(QStringLiteral("b.bulkhead.json"));
        const QString c = dir.filePath(QStringLiteral("c.bulkhead.json"));
        const CliResult first = runCli({QStringLiteral("migrate"), source, QStringLiteral("-o"), b});
        QCOMPARE(first.exitCode, 0);
        QVERIFY(first.err.isEmpty());
        const CliResult second = runCli({QStringLiteral("migrate"), b, QStringLiteral("-o"), c});
        QCOMPARE(second.exitCode, 0);
        QVERIFY(second.out.isEmpty()); // nothing left to migrate
        const QByteArray bytesB = bulkhead::test::readAll(b);
        QVERIFY(!bytesB.isEmpty());
        QCOMPARE(bulkhead::test::readAll(c), bytesB);
    }

    void migrateReportsTheStep()
    {
        QTemporaryDir dir;
        const QString source = bulkhead::test::dataPath(QStringLiteral("io/v0-draft.bulkhead.json"));
        const QString out = dir.filePath(QStringLiteral("v1.bulkhead.json"));
        const CliResult result = runCli({QStringLiteral("migrate"), source, QStringLiteral("-o"), out});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith(source + QStringLiteral(": migrated format 0 → 1")));
        QCOMPARE(bulkhead::test::readAll(out),
                 bulkhead::test::readAll(bulkhead::test::dataPath(QStringLiteral("io/v0-draft.expected.bulkhead.json"))));
    }

    void migrateToUnwritablePlaceFails()
    {
        const QString out = m_scratch.filePath(QStringLiteral("missing-dir/out.json"));
        const CliResult result = runCli({QStringLiteral("migrate"), example(), QStringLiteral("-o"), out});
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(result.err.startsWith(QStringLiteral("bulkhead-cli: ") + out + QStringLiteral(": ")), qPrintable(result.err));
    }

    void badInputs_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("unprivileged");
        for (const bulkhead::test::BadInput &input : bulkhead::test::badInputs(m_scratch.path()))
            QTest::newRow(qPrintable(input.name)) << input.path << input.expected << input.needsUnprivilegedReader;
    }

    void badInputs()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QFETCH(bool, unprivileged);
        for (const char *command : {"validate", "migrate"}) {
            QStringList arguments{QString::fromUtf8(command), path};
            if (QByteArray(command) == "migrate")
                arguments << QStringLiteral("-o") << m_scratch.filePath(QStringLiteral("never-written.json"));
            const CliResult result = runCli(arguments, QString(), unprivileged);
            QCOMPARE(result.exitCode, 2);
            QVERIFY(result.out.isEmpty());
            QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
            QVERIFY2(result.err.startsWith(QStringLiteral("bulkhead-cli: ") + path + expected), qPrintable(result.err));
            QVERIFY(!QFile::exists(m_scratch.filePath(QStringLiteral("never-written.json"))));
        }
    }

private:
    QTemporaryDir m_scratch;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
