#include "badinputs.h"
#include "clirunner.h"
#include "core/version.h"
#include "pdftools.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <unistd.h>

namespace {

using bulkhead::test::CliResult;

CliResult runCli(const QStringList &arguments, const QString &workingDirectory = QString(),
                 bool unprivileged = false)
{
    bulkhead::test::CliRunOptions options;
    options.workingDirectory = workingDirectory;
    if (unprivileged && ::geteuid() == 0) {
        options.childSetup = [] {
            // Runs in the child before exec: become an ordinary user so permissions apply.
            if (::setgid(bulkhead::test::nobodyUid) != 0 || ::setuid(bulkhead::test::nobodyUid) != 0)
                ::_exit(99);
        };
    }
    return bulkhead::test::runProgram(QStringLiteral(BULKHEAD_CLI_PATH), arguments, options);
}

/**
 * Whether an ordinary user can reach the CLI: every folder above it must be searchable by
 * others. A checkout under a private folder (mktemp -d makes them 0700) is not.
 */
bool cliReachableByOthers()
{
    for (QFileInfo folder(QFileInfo(QStringLiteral(BULKHEAD_CLI_PATH)).absolutePath());;
         folder = QFileInfo(folder.absolutePath())) {
        if (!(folder.permissions() & QFileDevice::ExeOther))
            return false;
        if (folder.isRoot())
            return true;
    }
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
        const QStringList report{QStringLiteral("report"), example(), QStringLiteral("-o")};
        QTest::newRow("page size") << (report + QStringList{QStringLiteral("r.pdf"), QStringLiteral("--page-size"), QStringLiteral("A5")})
                                   << QStringLiteral("--page-size must be A4 or Letter");
        QTest::newRow("page size of html") << (report + QStringList{QStringLiteral("r.html"), QStringLiteral("--page-size"), QStringLiteral("A4")})
                                           << QStringLiteral("--page-size applies to pdf reports only");
        QTest::newRow("exclude what") << (report + QStringList{QStringLiteral("r.html"), QStringLiteral("--exclude"), QStringLiteral("mitigated,open")})
                                      << QStringLiteral("--exclude takes mitigated, not-applicable or out-of-scope, not \"open\"");
        QTest::newRow("exclude from csv") << (report + QStringList{QStringLiteral("r.csv"), QStringLiteral("--exclude"), QStringLiteral("mitigated")})
                                          << QStringLiteral("--exclude applies to html, pdf and md reports");
        QTest::newRow("no such day") << (report + QStringList{QStringLiteral("r.md"), QStringLiteral("--date"), QStringLiteral("2026-02-30")})
                                     << QStringLiteral("--date must be a calendar date written YYYY-MM-DD, not \"2026-02-30\"");
        QTest::newRow("date of analyze") << QStringList{QStringLiteral("analyze"), example(), QStringLiteral("--date"), QStringLiteral("2026-01-01")}
                                         << QStringLiteral("--date, --page-size and --exclude are options of report");
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

    void textOutputShowsControlCharactersEscaped()
    {
        // Names holding ESC, OSC, BEL, NUL, C1 and bidi controls and a newline: the text
        // output is for a terminal, so each shows as an escape and no name starts a line.
        const QString path = bulkhead::test::dataPath(QStringLiteral("report/control-characters.bulkhead.json"));
        const CliResult text = runCli({QStringLiteral("analyze"), path});
        QCOMPARE(text.exitCode, 0);
        const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : lines)
            QVERIFY2(bulkhead::test::isSafeOneLine(line), qPrintable(line));
        QVERIFY(text.out.contains(QStringLiteral("  MON-03@host  open (confirm)\n    No runtime detection on container "
                                                 "hosts — Host\\x1b]0;pwned\\x07\n")));
        QVERIFY(text.out.contains(QStringLiteral("@web\\x1b[2J  open")));
        QVERIFY(text.out.contains(QStringLiteral(" — \\u202eWeb\\x00\\x0aforged line \\u009b31m \\u2066x\\u2069\n")));
        QVERIFY(text.out.contains(QStringLiteral("  m1  open\n    Manual\\x1b[5m threat\\x0asecond line — DB\\u200f\n")));

        // JSON escapes for JSON alone: the names come back exactly as the model holds them.
        const CliResult json = runCli({QStringLiteral("analyze"), path, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray threats = QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("threats")).toArray();
        QCOMPARE(lines.size(), 2 * threats.size() + 1); // two lines a threat, then the summary
        const QString webName = QStringLiteral("\u202eWeb") + QChar(0) + QStringLiteral("\nforged line ") + QChar(0x9b)
                                + QStringLiteral("31m \u2066x\u2069");
        bool sawWeb = false;
        for (const QJsonValue &threat : threats) {
            const QJsonObject element = threat.toObject().value(QStringLiteral("element")).toObject();
            if (element.value(QStringLiteral("id")).toString() == QStringLiteral("web\x1b[2J")) {
                QCOMPARE(element.value(QStringLiteral("name")).toString(), webName);
                sawWeb = true;
            }
        }
        QVERIFY(sawWeb);
    }

    void validationLinesShowControlCharactersEscaped()
    {
        const QString path = bulkhead::test::dataPath(QStringLiteral("validation/control-characters.bulkhead.json"));
        const CliResult text = runCli({QStringLiteral("validate"), path});
        QCOMPARE(text.exitCode, 1);
        const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // two findings and the summary
        for (const QString &line : lines)
            QVERIFY2(bulkhead::test::isSafeOneLine(line), qPrintable(line));
        QVERIFY2(lines[1].startsWith(path + QStringLiteral(": warning: element \"\\u202escratch\\x0asecond line\\x00\" "
                                                           "(orphan\\x1b[2J) has no data flows")),
                 qPrintable(lines[1]));
        // analyze refuses the invalid model with its error on stderr, one safe line.
        const CliResult analyze = runCli({QStringLiteral("analyze"), path});
        QCOMPARE(analyze.exitCode, 1);
        QCOMPARE(analyze.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(bulkhead::test::isSafeOneLine(analyze.err.chopped(1)), qPrintable(analyze.err));
        QVERIFY2(analyze.err.contains(QStringLiteral("but the value is \"\\x1b]0;pwned\\x07yyy")), qPrintable(analyze.err));
    }

    void catalogNumberOutOfRangeIsAPositionedError()
    {
        // Every command that reads a catalog refuses it with the same line, never an abort.
        const QString path = bulkhead::test::dataPath(QStringLiteral("catalog/bad/number-out-of-range.json"));
        const QString expected = path + QStringLiteral(":3:81: number 1e999 is out of range");
        const CliResult lint = runCli({QStringLiteral("catalog"), QStringLiteral("lint"), path});
        QCOMPARE(lint.exitCode, 1);
        QVERIFY2(lint.out.startsWith(expected), qPrintable(lint.out));
        const QList<QStringList> loaders{
            {QStringLiteral("catalog"), QStringLiteral("list"), QStringLiteral("--catalog"), path},
            {QStringLiteral("validate"), example(), QStringLiteral("--catalog"), path},
            {QStringLiteral("analyze"), example(), QStringLiteral("--catalog"), path},
        };
        for (const QStringList &arguments : loaders) {
            const CliResult result = runCli(arguments);
            QCOMPARE(result.exitCode, 2);
            QVERIFY(result.out.isEmpty());
            QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
            QVERIFY2(result.err.startsWith(QStringLiteral("bulkhead-cli: ") + expected), qPrintable(result.err));
        }
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
        if (unprivileged && ::geteuid() == 0 && !cliReachableByOthers())
            QSKIP("the build folder is not searchable by other users, so the CLI cannot run unprivileged");
        for (const char *command : {"validate", "migrate"}) {
            QStringList arguments{QString::fromUtf8(command), path};
            if (QByteArray(command) == "migrate")
                arguments << QStringLiteral("-o") << m_scratch.filePath(QStringLiteral("never-written.json"));
            const CliResult result = runCli(arguments, QString(), unprivileged);
            QCOMPARE(result.exitCode, 2);
            QVERIFY(result.out.isEmpty());
            QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
            QVERIFY2(result.err.startsWith(QStringLiteral("bulkhead-cli: ") + path + expected), qPrintable(result.err.left(1000)));
            QVERIFY2(bulkhead::test::isSafeOneLine(result.err.chopped(1)), qPrintable(result.err));
            QVERIFY2(result.err.size() - path.size() < bulkhead::test::maxMessageLength, qPrintable(result.err.left(1000)));
            QVERIFY(!QFile::exists(m_scratch.filePath(QStringLiteral("never-written.json"))));
        }
    }

    void importComposeWritesTheModelAndReport()
    {
        const QString first = bulkhead::test::dataPath(QStringLiteral("import/compose/web-stack/compose.yml"));
        const QString second = bulkhead::test::dataPath(QStringLiteral("import/compose/web-stack/compose.override.yml"));
        const QString model = m_scratch.filePath(QStringLiteral("imported.bulkhead.json"));
        const CliResult imported = runCli({QStringLiteral("import"), QStringLiteral("compose"), first, second, QStringLiteral("-o"), model});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.err.isEmpty(), qPrintable(imported.err));
        for (const QString &expected : {QStringLiteral("Mapped ("), QStringLiteral("Flagged (12)"), QStringLiteral("Skipped ("),
                                        QStringLiteral("Validation (0)"),
                                        first + QStringLiteral(":19: service proxy: mounts /var/run/docker.sock"),
                                        QStringLiteral("Wrote ") + model + QStringLiteral(": 10 elements, 3 boundaries, 11 flows")})
            QVERIFY2(imported.out.contains(expected), qPrintable(expected + QStringLiteral("\n") + imported.out));
        // A valid model that the other commands take as it is.
        QCOMPARE(runCli({QStringLiteral("validate"), model}).exitCode, 0);
        const CliResult analysis = runCli({QStringLiteral("analyze"), model, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(analysis.exitCode, 0);
        QVERIFY(analysis.out.contains(QStringLiteral("\"RUN-07@proxy\"")));

        // Deterministic: the same files give the same bytes, and so the same analysis.
        const QString again = m_scratch.filePath(QStringLiteral("again.bulkhead.json"));
        QCOMPARE(runCli({QStringLiteral("import"), QStringLiteral("compose"), first, second, QStringLiteral("-o"), again}).exitCode, 0);
        QCOMPARE(bulkhead::test::readAll(again), bulkhead::test::readAll(model));
        QCOMPARE(runCli({QStringLiteral("analyze"), again, QStringLiteral("--format"), QStringLiteral("json")}).out, analysis.out);
    }

    void importKubernetesDirectory()
    {
        const QString shop = bulkhead::test::dataPath(QStringLiteral("import/k8s/shop"));
        const QString privileged = bulkhead::test::dataPath(QStringLiteral("import/k8s/privileged.yaml"));
        const QString model = m_scratch.filePath(QStringLiteral("k8s.bulkhead.json"));
        const CliResult imported = runCli({QStringLiteral("import"), QStringLiteral("k8s"), shop, privileged, QStringLiteral("-o"), model});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.err.isEmpty(), qPrintable(imported.err));
        QVERIFY(imported.out.contains(QStringLiteral("Mapped (")));
        QVERIFY(imported.out.contains(QStringLiteral("Wrote ") + model));
        QCOMPARE(runCli({QStringLiteral("validate"), model}).exitCode, 0);
        const CliResult analysis = runCli({QStringLiteral("analyze"), model, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(analysis.exitCode, 0);
        QVERIFY2(analysis.out.contains(QStringLiteral("\"rule\": \"RUN-01\"")), qPrintable(analysis.out.left(400)));
        const QString again = m_scratch.filePath(QStringLiteral("k8s-again.bulkhead.json"));
        QCOMPARE(runCli({QStringLiteral("import"), QStringLiteral("k8s"), shop, privileged, QStringLiteral("-o"), again}).exitCode, 0);
        QCOMPARE(bulkhead::test::readAll(again), bulkhead::test::readAll(model));
        const CliResult bad = runCli({QStringLiteral("import"), QStringLiteral("k8s"),
                                      bulkhead::test::dataPath(QStringLiteral("import/k8s/bad/wrong-type-privileged.yaml")),
                                      QStringLiteral("-o"), m_scratch.filePath(QStringLiteral("bad.json"))});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(QRegularExpression(QStringLiteral("wrong-type-privileged\\.yaml:\\d+:\\d+: ")).match(bad.err).hasMatch(), qPrintable(bad.err));
        QVERIFY(!QFile::exists(m_scratch.filePath(QStringLiteral("bad.json"))));
    }

    void importSummaryShowsTheOutputNameEscaped()
    {
        // The summary line repeats the -o name; a name with a terminal escape in it (a script
        // looping over files someone else named) is shown escaped, not acted on.
        const QString privileged = bulkhead::test::dataPath(QStringLiteral("import/k8s/privileged.yaml"));
        const QString model = m_scratch.filePath(QStringLiteral("title\x1b]0;x\x07.bulkhead.json"));
        const CliResult imported = runCli({QStringLiteral("import"), QStringLiteral("k8s"), privileged, QStringLiteral("-o"), model});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY(QFile::exists(model));
        QVERIFY2(imported.out.contains(QStringLiteral("Wrote ") + m_scratch.filePath(QStringLiteral("title\\x1b]0;x\\x07.bulkhead.json: "))),
                 qPrintable(imported.out.right(300)));
        QVERIFY(!imported.out.contains(QChar(0x1b)));
    }

    void importComposeProjectDirectory()
    {
        // deploy/compose.yml reads shared.env and .env from its project folder, which the option names.
        const QString project = bulkhead::test::dataPath(QStringLiteral("import/compose/confine/project"));
        const QString compose = project + QStringLiteral("/deploy/compose.yml");
        const QString model = m_scratch.filePath(QStringLiteral("project-directory.bulkhead.json"));
        const CliResult alone = runCli({QStringLiteral("import"), QStringLiteral("compose"), compose, QStringLiteral("-o"), model});
        QCOMPARE(alone.exitCode, 0);
        QVERIFY2(alone.out.contains(QStringLiteral("env_file shared.env could not be read")), qPrintable(alone.out));
        const CliResult inProject = runCli({QStringLiteral("import"), QStringLiteral("compose"), compose, QStringLiteral("--project-directory"),
                                            project, QStringLiteral("-o"), model});
        QCOMPARE(inProject.exitCode, 0);
        QVERIFY2(inProject.err.isEmpty(), qPrintable(inProject.err));
        const QByteArray written = bulkhead::test::readAll(model);
        QVERIFY(written.contains("Docker Compose: project"));
        QVERIFY(written.contains("SHARED_TOKEN"));
        QVERIFY(!written.contains("fake-shared-token-value"));
        QVERIFY(runCli({QStringLiteral("--help")}).out.contains(QStringLiteral("--project-directory DIR")));
    }

    void importErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        const QString bad = bulkhead::test::dataPath(QStringLiteral("import/compose/bad/wrong-type.yml"));
        QTest::newRow("bad file") << QStringList{QStringLiteral("import"), QStringLiteral("compose"), bad, QStringLiteral("-o"), QStringLiteral("x.json")}
                                  << 2 << bad + QStringLiteral(":4:17: privileged must be true or false, not \"maybe\"");
        QTest::newRow("no output") << QStringList{QStringLiteral("import"), QStringLiteral("compose"), bad} << 2
                                   << QStringLiteral("bulkhead-cli: import needs -o MODEL");
        QTest::newRow("no files") << QStringList{QStringLiteral("import"), QStringLiteral("compose"), QStringLiteral("-o"), QStringLiteral("x.json")}
                                  << 2 << QStringLiteral("bulkhead-cli: import compose needs at least one FILE");
        QTest::newRow("unknown source") << QStringList{QStringLiteral("import"), QStringLiteral("swarm"), bad, QStringLiteral("-o"), QStringLiteral("x.json")}
                                        << 2 << QStringLiteral("bulkhead-cli: unknown import source \"swarm\"");
        const QString outside = bulkhead::test::dataPath(QStringLiteral("import/compose/confine/project/extends-absolute.yml"));
        QTest::newRow("file outside the project") << QStringList{QStringLiteral("import"), QStringLiteral("compose"), outside, QStringLiteral("-o"), QStringLiteral("x.json")}
                                                  << 2 << outside + QStringLiteral(":5:21: extends file /etc/shadow is outside the project folder ");
        QTest::newRow("project directory for k8s")
            << QStringList{QStringLiteral("import"), QStringLiteral("k8s"), bad, QStringLiteral("--project-directory"), QStringLiteral("."),
                           QStringLiteral("-o"), QStringLiteral("x.json")}
            << 2 << QStringLiteral("bulkhead-cli: --project-directory is an option of import compose");
        QTest::newRow("project directory for validate")
            << QStringList{QStringLiteral("validate"), example(), QStringLiteral("--project-directory"), QStringLiteral(".")} << 2
            << QStringLiteral("bulkhead-cli: --project-directory is an option of import compose");
        QTest::newRow("project directory missing")
            << QStringList{QStringLiteral("import"), QStringLiteral("compose"), bad, QStringLiteral("--project-directory"),
                           QStringLiteral("no-such-folder"), QStringLiteral("-o"), QStringLiteral("x.json")}
            << 2 << QStringLiteral("bulkhead-cli: no-such-folder: ");
    }

    void importErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const CliResult result = runCli(arguments, m_scratch.path());
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
        QVERIFY(!QFile::exists(m_scratch.filePath(QStringLiteral("x.json"))));
    }

    void reportPdf()
    {
        // Headless: no display, no session runtime folder, nothing on stderr.
        const QString path = m_scratch.filePath(QStringLiteral("cli-report.pdf"));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_RUNTIME_DIR"})
            environment.remove(QLatin1String(name));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(BULKHEAD_CLI_PATH),
                      {QStringLiteral("report"), example(), QStringLiteral("-o"), path, QStringLiteral("--page-size"),
                       QStringLiteral("Letter"), QStringLiteral("--date"), QStringLiteral("2026-01-15")});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
        const QVector<QSizeF> pages = bulkhead::test::pdfPageSizes(path);
        QVERIFY(pages.size() >= 4);
        QCOMPARE(pages.first().toSize(), QSize(612, 792));
        const QString text = bulkhead::test::pdfText(path);
        QVERIFY(text.contains(QStringLiteral("2026-01-15")));
        // The same threats as the analysis finds.
        const CliResult analysis = runCli({QStringLiteral("analyze"), example(), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(analysis.exitCode, 0);
        const QJsonArray threats = QJsonDocument::fromJson(analysis.out.toUtf8()).object().value(QStringLiteral("threats")).toArray();
        QVERIFY(!threats.isEmpty());
        QString flat = text;
        flat.remove(QRegularExpression(QStringLiteral("[\\s-]")));
        for (const QJsonValue &threat : threats) {
            const QString id = threat.toObject().value(QStringLiteral("id")).toString();
            QVERIFY2(flat.contains(QString(id).remove(QLatin1Char('-'))), qPrintable(id));
        }
    }

    void reportExcludes()
    {
        // Five findings on the three loopback flows are marked not applicable in the service-mesh example.
        const QString model = bulkhead::test::sourcePath(QStringLiteral("examples/service-mesh-mtls.bulkhead.json"));
        const QString row = QStringLiteral("id=\"t-NET-04@orders-svc\"");
        const QString all = m_scratch.filePath(QStringLiteral("all.html"));
        const QString some = m_scratch.filePath(QStringLiteral("some.html"));
        QCOMPARE(runCli({QStringLiteral("report"), model, QStringLiteral("-o"), all}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("report"), model, QStringLiteral("-o"), some, QStringLiteral("--exclude"),
                         QStringLiteral("not-applicable")}).exitCode, 0);
        QVERIFY(QString::fromUtf8(bulkhead::test::readAll(all)).contains(row));
        const QString filtered = QString::fromUtf8(bulkhead::test::readAll(some));
        QVERIFY(!filtered.contains(row));
        QVERIFY(filtered.contains(QStringLiteral("5 threats are left out")));
    }

    void analyzeJsonFollowsTheContract()
    {
        const QString overlay = bulkhead::test::dataPath(QStringLiteral("rules/analysis-catalog.json"));
        const CliResult result = runCli({QStringLiteral("analyze"), example(), QStringLiteral("--format"),
                                         QStringLiteral("json"), QStringLiteral("--catalog"), overlay});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QVERIFY(report.value(QStringLiteral("summary")).isObject());
        const QJsonArray threats = report.value(QStringLiteral("threats")).toArray();
        QVERIFY(!threats.isEmpty());
        QCOMPARE(report.value(QStringLiteral("summary")).toObject().value(QStringLiteral("threats")).toInt(),
                 threats.size());
        bool sawTestRule = false;
        for (const QJsonValue &value : threats) {
            const QJsonObject t = value.toObject();
            for (const char *key : {"id", "rule", "title", "stride", "element", "likelihood", "impact",
                                    "severity", "residualSeverity", "status", "needsConfirmation",
                                    "mitigations", "references", "explanation"})
                QVERIFY2(t.contains(QString::fromUtf8(key)), key);
            const QJsonObject element = t.value(QStringLiteral("element")).toObject();
            QVERIFY(element.contains(QStringLiteral("id")) && element.contains(QStringLiteral("name"))
                    && element.contains(QStringLiteral("kind")));
            QVERIFY(t.value(QStringLiteral("id")).toString().startsWith(
                t.value(QStringLiteral("rule")).toString() + QLatin1Char('@'))
                    || t.value(QStringLiteral("rule")).toString() == QStringLiteral("manual"));
            for (const QJsonValue &m : t.value(QStringLiteral("mitigations")).toArray()) {
                QVERIFY(m.toObject().contains(QStringLiteral("layer")));
                QVERIFY(m.toObject().value(QStringLiteral("implemented")).isBool());
            }
            sawTestRule = sawTestRule || t.value(QStringLiteral("id")).toString() == QStringLiteral("T-NOVAULT@model");
        }
        QVERIFY(sawTestRule); // the example has containers and no secrets store
    }

    void analyzeCsvIsRfc4180()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("hostile.bulkhead.json"));
        QFile file(model);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Built with QJsonDocument: the titles hold quotes, a comma, a newline and a formula.
        const QJsonObject hostile{
            {QStringLiteral("format"), QStringLiteral("bulkhead-threat-model")},
            {QStringLiteral("formatVersion"), 1},
            {QStringLiteral("manualThreats"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("m1")},
                                    {QStringLiteral("title"), QStringLiteral("Quote \" comma, and\nnewline")},
                                    {QStringLiteral("stride"), QStringLiteral("T")}},
                        QJsonObject{{QStringLiteral("id"), QStringLiteral("m2")},
                                    {QStringLiteral("title"), QStringLiteral("=HYPERLINK(\"http://x\")")},
                                    {QStringLiteral("stride"), QStringLiteral("I")}}}}};
        file.write(QJsonDocument(hostile).toJson());
        file.close();
        const CliResult result = runCli({QStringLiteral("analyze"), model, QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith(QStringLiteral("id,rule,stride,title,")));
        QVERIFY(result.out.contains(QStringLiteral("\r\nm1,manual,T,\"Quote \"\" comma, and\nnewline\",")));
        // Spreadsheet formulas are defused.
        QVERIFY(result.out.contains(QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\"")));
    }

    void analyzeSarif()
    {
        const CliResult result = runCli({QStringLiteral("analyze"), example(), QStringLiteral("--format"), QStringLiteral("sarif")});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject sarif = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(sarif.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        const QJsonObject run = sarif.value(QStringLiteral("runs")).toArray().first().toObject();
        const QJsonArray rules = run.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver")).toObject().value(QStringLiteral("rules")).toArray();
        const QJsonArray results = run.value(QStringLiteral("results")).toArray();
        QVERIFY(!rules.isEmpty());
        QVERIFY(!results.isEmpty());
        for (const QJsonValue &value : results) {
            const QJsonObject r = value.toObject();
            const int index = r.value(QStringLiteral("ruleIndex")).toInt();
            QCOMPARE(rules.at(index).toObject().value(QStringLiteral("id")).toString(), r.value(QStringLiteral("ruleId")).toString());
            QVERIFY(r.value(QStringLiteral("partialFingerprints")).toObject().value(QStringLiteral("bulkheadThreatId/v1")).toString().contains(QLatin1Char('@')));
            const QString uri = r.value(QStringLiteral("locations")).toArray().first().toObject()
                                    .value(QStringLiteral("physicalLocation")).toObject()
                                    .value(QStringLiteral("artifactLocation")).toObject()
                                    .value(QStringLiteral("uri")).toString();
            QCOMPARE(QUrl(uri).toLocalFile(), example()); // an absolute path, as a file: URI
        }
    }

    void analyzeWritesTheOutputFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("threats.json"));
        const CliResult result = runCli({QStringLiteral("analyze"), example(), QStringLiteral("--format"),
                                         QStringLiteral("json"), QStringLiteral("-o"), out});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.isEmpty());
        const CliResult again = runCli({QStringLiteral("analyze"), example(), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(bulkhead::test::readAll(out), again.out.toUtf8());
    }

    void analyzeRefusesAnInvalidModel()
    {
        const QString path = bulkhead::test::dataPath(QStringLiteral("validation/dangling-flow-target.bulkhead.json"));
        const CliResult result = runCli({QStringLiteral("analyze"), path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.isEmpty());
        QVERIFY(result.err.contains(path + QStringLiteral(": error: flow \"ghost\" (f3) has target \"gone\"")));
    }

    void analyzeFailOn()
    {
        const QString overlay = bulkhead::test::dataPath(QStringLiteral("rules/analysis-catalog.json"));
        QTemporaryDir dir;
        const QString privileged = dir.filePath(QStringLiteral("privileged.bulkhead.json"));
        QFile file(privileged);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "bulkhead-threat-model", "formatVersion": 1,
            "boundaries": [{"id": "net", "kind": "internet", "name": "Internet"}],
            "elements": [{"id": "u", "kind": "external-user", "name": "User", "boundary": "net"},
                         {"id": "c", "kind": "container", "name": "Web", "properties": {"privileged": true}}],
            "flows": [{"id": "f", "name": "requests", "source": "u", "target": "c"}]})");
        file.close();
        auto run = [&](const QString &model, const char *threshold) {
            return runCli({QStringLiteral("analyze"), model, QStringLiteral("--catalog"), overlay,
                           QStringLiteral("--fail-on"), QString::fromUtf8(threshold)}).exitCode;
        };
        QCOMPARE(run(privileged, "high"), 3); // T-ESCAPE: likelihood 4 × impact 3 = high
        QCOMPARE(run(privileged, "critical"), 0);
        const QString empty = dir.filePath(QStringLiteral("empty.bulkhead.json"));
        QFile emptyFile(empty);
        QVERIFY(emptyFile.open(QIODevice::WriteOnly));
        emptyFile.write(R"({"format": "bulkhead-threat-model", "formatVersion": 1})");
        emptyFile.close();
        QCOMPARE(run(empty, "low"), 0);
        QCOMPARE(run(empty, "severe"), 2);
    }

    void catalogListJson()
    {
        const CliResult result = runCli({QStringLiteral("catalog"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject catalog = QJsonDocument::fromJson(result.out.toUtf8()).object();
        const QJsonObject statistics = catalog.value(QStringLiteral("statistics")).toObject();
        const QJsonArray threats = catalog.value(QStringLiteral("threats")).toArray();
        const QJsonArray mitigations = catalog.value(QStringLiteral("mitigations")).toArray();
        const QJsonArray kinds = catalog.value(QStringLiteral("elementKinds")).toArray();
        QCOMPARE(statistics.value(QStringLiteral("threats")).toInt(), threats.size());
        QCOMPARE(statistics.value(QStringLiteral("mitigations")).toInt(), mitigations.size());
        QCOMPARE(kinds.size(), 27);
        for (const char *key : {"threatsByPrimaryStride", "threatsByScope", "mitigationsByLayer",
                                "shareWithMitigationsFromTwoOrMoreLayers", "shareWithTwoOrMoreReferenceKinds",
                                "sourceLabelsTracedByPrimary"})
            QVERIFY2(statistics.contains(QString::fromUtf8(key)), key);
        for (const QJsonValue &value : threats) {
            for (const char *key : {"id", "title", "stride", "appliesTo", "when", "mitigations", "references", "sourceRefs"})
                QVERIFY2(value.toObject().contains(QString::fromUtf8(key)), key);
        }
        for (const QJsonValue &value : mitigations) {
            for (const char *key : {"id", "title", "layer"})
                QVERIFY2(value.toObject().contains(QString::fromUtf8(key)), key);
        }
        for (const QJsonValue &value : kinds) {
            for (const char *key : {"id", "role", "properties"})
                QVERIFY2(value.toObject().contains(QString::fromUtf8(key)), key);
        }
    }

    void catalogListJsonHasPropertyLabels()
    {
        const CliResult result = runCli({QStringLiteral("catalog"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject catalog = QJsonDocument::fromJson(result.out.toUtf8()).object();
        // The label the catalog gives, and none where it leaves the name to be made readable.
        auto labelOf = [](const QJsonArray &properties, const QString &name) {
            for (const QJsonValue &value : properties) {
                if (value.toObject().value(QStringLiteral("name")).toString() == name)
                    return value.toObject().value(QStringLiteral("label"));
            }
            return QJsonValue(QJsonValue::Undefined);
        };
        const QJsonArray flowProperties = catalog.value(QStringLiteral("flowProperties")).toArray();
        QCOMPARE(labelOf(flowProperties, QStringLiteral("mutualTls")).toString(), QStringLiteral("Mutual TLS"));
        QVERIFY(labelOf(flowProperties, QStringLiteral("authorization")).isUndefined());
        for (const QJsonValue &kind : catalog.value(QStringLiteral("elementKinds")).toArray()) {
            if (kind.toObject().value(QStringLiteral("id")).toString() == QLatin1String("container")) {
                const QJsonArray properties = kind.toObject().value(QStringLiteral("properties")).toArray();
                QCOMPARE(labelOf(properties, QStringLiteral("cpuLimit")).toString(), QStringLiteral("CPU limit"));
                return;
            }
        }
        QFAIL("no container kind in the catalog list");
    }

    void catalogLintAcceptsTheShippedCatalog()
    {
        const QDir dir(bulkhead::test::sourcePath(QStringLiteral("catalogs")));
        QStringList arguments{QStringLiteral("catalog"), QStringLiteral("lint")};
        for (const QString &name : dir.entryList({QStringLiteral("*.json")}))
            arguments << dir.filePath(name);
        const CliResult result = runCli(arguments);
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QVERIFY(result.out.endsWith(QStringLiteral(" test cases passed\n")));
    }

    void catalogLintNamesFileRuleAndColumn_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("misspelled property") << QStringLiteral("misspelled-property.json")
                                             << QStringLiteral(": threat BRK-01: when:1:16: unknown property \"hostPidd\"");
        QTest::newRow("type error") << QStringLiteral("type-error.json")
                                    << QStringLiteral(": threat BRK-02: when:1:15: cannot compare int with string");
        QTest::newRow("unknown function") << QStringLiteral("unknown-function.json")
                                          << QStringLiteral(": threat BRK-03: when:1:16: unknown function \"exposedTo\"");
        QTest::newRow("unbalanced parentheses") << QStringLiteral("unbalanced-parentheses.json")
                                                << QStringLiteral(": threat BRK-04: when:1:37: missing \")\"");
        QTest::newRow("nested 10000 deep") << QStringLiteral("nested-10000-deep.json")
                                           << QStringLiteral(": threat BRK-05: when:1:65: expression is nested more than 64 levels deep");
    }

    void catalogLintNamesFileRuleAndColumn()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString path = bulkhead::test::dataPath(QStringLiteral("rules/broken/") + file);
        const CliResult result = runCli({QStringLiteral("catalog"), QStringLiteral("lint"), path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.startsWith(path + expected), qPrintable(result.out));
        // The same file given to analyze is refused with the same line, as a load error.
        const CliResult analyze = runCli({QStringLiteral("analyze"), example(), QStringLiteral("--catalog"), path});
        QCOMPARE(analyze.exitCode, 2);
        QVERIFY2(analyze.err.startsWith(QStringLiteral("bulkhead-cli: ") + path + expected), qPrintable(analyze.err));
    }

    void catalogLintReportsUnreadPropertiesAndMitigationsWithoutEvidence()
    {
        const QString path = bulkhead::test::dataPath(QStringLiteral("catalog/lint/lint-problems.json"));
        const CliResult result = runCli({QStringLiteral("catalog"), QStringLiteral("lint"), path});
        QCOMPARE(result.exitCode, 1);
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6); // two mitigations, three properties, the count
        QVERIFY2(lines[0].startsWith(path + QStringLiteral(": mitigation M-LINT-NO-EVIDENCE: no implementedWhen")), qPrintable(result.out));
        QVERIFY2(lines[2].startsWith(path + QStringLiteral(": flow property lintFlowNote: no rule")), qPrintable(result.out));
        QCOMPARE(lines[5], QStringLiteral("5 problems"));
    }

    void catalogLintRequiresEveryThreatToDeclareReachability()
    {
        // The file loads (older extra catalogs keep working) but lint makes the author decide.
        const QString path = bulkhead::test::dataPath(QStringLiteral("rules/reachability-undeclared.json"));
        const CliResult list = runCli({QStringLiteral("catalog"), QStringLiteral("list"), QStringLiteral("--catalog"), path});
        QCOMPARE(list.exitCode, 0);
        const CliResult lint = runCli({QStringLiteral("catalog"), QStringLiteral("lint"), path});
        QCOMPARE(lint.exitCode, 1);
        QVERIFY2(lint.out.startsWith(path + QStringLiteral(": threat SITE-02: reachability: say whether reachability "
                                                           "from the internet raises its likelihood (raises-likelihood "
                                                           "or irrelevant)\n1 problem\n")),
                 qPrintable(lint.out));
    }

    void catalogLintOfAMissingFile()
    {
        const CliResult result = runCli({QStringLiteral("catalog"), QStringLiteral("lint"), m_scratch.filePath(QStringLiteral("none.json"))});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(QStringLiteral("cannot open: No such file or directory")));
    }

private:
    QTemporaryDir m_scratch;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
