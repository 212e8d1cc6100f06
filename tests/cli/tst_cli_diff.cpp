#include "clirunner.h"
#include "testfiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    return bulkhead::test::dataPath(QStringLiteral("diff/%1.bulkhead.json").arg(QLatin1String(name)));
}

CliResult diff(const char *before, const char *after, const QString &format = QStringLiteral("text"))
{
    return runCli({QStringLiteral("diff"), fixture(before), fixture(after), QStringLiteral("--format"),
                   format});
}

QJsonObject diffJson(const char *before, const char *after)
{
    const CliResult result = diff(before, after, QStringLiteral("json"));
    if (result.exitCode != 1)
        qFatal("diff %s %s exited %d: %s", before, after, result.exitCode, qPrintable(result.err));
    return QJsonDocument::fromJson(result.out.toUtf8()).object();
}

/** `diff --git-driver` as git calls it: the placeholder hashes and modes are not read. */
CliResult gitDriver(const QString &path, const QString &oldFile, const QString &newFile)
{
    const QString hex = QStringLiteral("0000000000000000000000000000000000000000");
    const QString mode = QStringLiteral("100644");
    return runCli({QStringLiteral("diff"), QStringLiteral("--git-driver"), path, oldFile, hex, mode, newFile, hex, mode});
}

CliResult textconv(const char *name)
{
    return runCli({QStringLiteral("diff"), QStringLiteral("--textconv"), fixture(name)});
}

/** The threat changes of a JSON diff, by id. */
QJsonObject threatsById(const QJsonObject &document)
{
    QJsonObject byId;
    for (const QJsonValue &threat : document.value(QStringLiteral("threats")).toArray())
        byId.insert(threat[QStringLiteral("id")].toString(), threat);
    return byId;
}

} // namespace

class TestCliDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameFileIsEqualInEveryFormat()
    {
        for (const QString &format : {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("md")}) {
            const CliResult result = diff("base", "base", format);
            QCOMPARE(result.exitCode, 0);
            QVERIFY(result.err.isEmpty());
        }
        const QJsonObject document =
            QJsonDocument::fromJson(diff("base", "base", QStringLiteral("json")).out.toUtf8()).object();
        QCOMPARE(document.value(QStringLiteral("equal")).toBool(), true);
        QVERIFY(document.value(QStringLiteral("items")).toArray().isEmpty());
        QVERIFY(document.value(QStringLiteral("threats")).toArray().isEmpty());
        QVERIFY(diff("base", "base").out.contains(QStringLiteral("no changes")));
    }

    void layoutOnlyIsEqual()
    {
        const CliResult result = diff("base", "layout-only");
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("layout only: 1 items moved")), qPrintable(result.out));
    }

    void differentModelsExitOne()
    {
        const CliResult result = diff("base", "element-renamed");
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains(
                     QStringLiteral("~ element web-app: name \"Python web app\" → \"Django shop\"")),
                 qPrintable(result.out));
    }

    void outputIsDeterministic()
    {
        for (const QString &format : {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("md")}) {
            const CliResult first = diff("base", "element-added", format);
            const CliResult second = diff("base", "element-added", format);
            QCOMPARE(first.exitCode, 1);
            QCOMPARE(first.out, second.out);
        }
    }

    void propertyChangeResolvesThreats()
    {
        // Redis asking for a password: the threats about an unauthenticated cache are resolved.
        const QJsonObject document = diffJson("base", "property-changed");
        const QJsonObject item = document.value(QStringLiteral("items")).toArray().at(0).toObject();
        QCOMPARE(item.value(QStringLiteral("id")).toString(), QStringLiteral("redis"));
        const QJsonObject property = item.value(QStringLiteral("properties")).toArray().at(0).toObject();
        QCOMPARE(property.value(QStringLiteral("before")).toString(), QStringLiteral("no"));
        QCOMPARE(property.value(QStringLiteral("after")).toString(), QStringLiteral("yes"));
        const QJsonObject summary = document.value(QStringLiteral("summary"))[QStringLiteral("threats")].toObject();
        QVERIFY(summary.value(QStringLiteral("resolved")).toInt() > 0);
        for (const QJsonValue &threat : document.value(QStringLiteral("threats")).toArray()) {
            if (threat[QStringLiteral("change")].toString() == QLatin1String("absent"))
                QVERIFY(threat[QStringLiteral("after")].isNull());
        }
    }

    void newThreatsForAnAddedElement()
    {
        const QJsonObject document = diffJson("base", "element-added");
        const QJsonObject summary = document.value(QStringLiteral("summary"))[QStringLiteral("threats")].toObject();
        QVERIFY(summary.value(QStringLiteral("new")).toInt() > 0);
        QCOMPARE(summary.value(QStringLiteral("resolved")).toInt(), 0);
        for (const QJsonValue &threat : document.value(QStringLiteral("threats")).toArray())
            QCOMPARE(threat[QStringLiteral("subject")].toString(), QStringLiteral("worker"));
    }

    void manualThreatSeverityChange()
    {
        // Likelihood and impact 3 → 4: the manual threat goes from medium to critical.
        const QJsonObject threat = threatsById(diffJson("base", "manual-threat-changed"))
                                       .value(QStringLiteral("env-file-in-git")).toObject();
        QCOMPARE(threat.value(QStringLiteral("change")).toString(), QStringLiteral("updated"));
        QCOMPARE(threat[QStringLiteral("before")][QStringLiteral("severity")].toString(), QStringLiteral("medium"));
        QCOMPARE(threat[QStringLiteral("after")][QStringLiteral("severity")].toString(), QStringLiteral("critical"));
        QVERIFY(diff("base", "manual-threat-changed").out.contains(QStringLiteral("severity medium → critical")));
    }

    void generatedThreatSeverityChange()
    {
        // Public data in Redis: an unauthenticated cache matters less (high → medium).
        const QJsonObject threat = threatsById(diffJson("base", "severity-changed"))
                                       .value(QStringLiteral("RUN-17@redis")).toObject();
        QCOMPARE(threat.value(QStringLiteral("change")).toString(), QStringLiteral("updated"));
        QCOMPARE(threat[QStringLiteral("before")][QStringLiteral("severity")].toString(), QStringLiteral("high"));
        QCOMPARE(threat[QStringLiteral("after")][QStringLiteral("severity")].toString(), QStringLiteral("medium"));
        QCOMPARE(threat[QStringLiteral("after")][QStringLiteral("status")].toString(), QStringLiteral("open"));
        const CliResult markdown = diff("base", "severity-changed", QStringLiteral("md"));
        QVERIFY2(markdown.out.contains(QStringLiteral("| RUN-17@redis | redis |")), qPrintable(markdown.out));
        QVERIFY(markdown.out.contains(QStringLiteral("severity high → medium, residual high → medium")));
    }

    void registerDecisionChangesThreatStatus()
    {
        const QJsonObject document = diffJson("base", "register-changed");
        QCOMPARE(document.value(QStringLiteral("register")).toArray().size(), 1);
        const QJsonObject threat = threatsById(document).value(QStringLiteral("env-file-in-git")).toObject();
        QCOMPARE(threat[QStringLiteral("before")][QStringLiteral("status")].toString(),
                 QStringLiteral("needs-investigation"));
        QCOMPARE(threat[QStringLiteral("after")][QStringLiteral("status")].toString(), QStringLiteral("mitigated"));
    }

    void markdownHasSummaryThenDetails()
    {
        const CliResult result = diff("base", "hostile-name", QStringLiteral("md"));
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.indexOf(QStringLiteral("| Model | Boundaries |")) >= 0);
        QVERIFY(result.out.indexOf(QStringLiteral("| Model | Boundaries |"))
                < result.out.indexOf(QStringLiteral("<details>")));
        QVERIFY(!result.out.contains(QStringLiteral("<script>")));
    }

    void corruptOrMissingFileIsAnError()
    {
        const CliResult corrupt = diff("base", "corrupt");
        QCOMPARE(corrupt.exitCode, 2);
        QVERIFY(corrupt.out.isEmpty());
        QVERIFY2(corrupt.err.contains(QStringLiteral("corrupt.bulkhead.json")), qPrintable(corrupt.err));
        QCOMPARE(corrupt.err.count(QLatin1Char('\n')), 1);
        const CliResult missing = diff("no-such-model", "base");
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("no-such-model.bulkhead.json")), qPrintable(missing.err));
    }

    void invalidModelIsAnErrorButNotForGit()
    {
        const CliResult invalid = diff("base", "invalid");
        QCOMPARE(invalid.exitCode, 2);
        QVERIFY2(invalid.err.contains(QStringLiteral("invalid.bulkhead.json: cannot compare its threats")),
                 qPrintable(invalid.err));
        const CliResult git = gitDriver(QStringLiteral("m"), fixture("base"), fixture("invalid"));
        QCOMPARE(git.exitCode, 0);
        QVERIFY2(git.out.contains(QStringLiteral("~ flow app-to-redis: target \"redis\" → \"no-such-element\"")),
                 qPrintable(git.out));
        QVERIFY(git.out.contains(QStringLiteral("threats not compared: ")));
    }

    void usageErrors()
    {
        QCOMPARE(runCli({QStringLiteral("diff"), fixture("base")}).exitCode, 2);
        QCOMPARE(diff("base", "base", QStringLiteral("html")).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("diff"), QStringLiteral("--textconv")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("diff"), QStringLiteral("--bogus"), fixture("base"), fixture("base")}).exitCode, 2);
    }

    void textconvLeavesOutLayout()
    {
        const CliResult base = textconv("base");
        QCOMPARE(base.exitCode, 0);
        QVERIFY(base.out.contains(QStringLiteral("element redis\n  name: \"Redis")));
        QCOMPARE(textconv("layout-only").out, base.out);
        QCOMPARE(textconv("corrupt").exitCode, 2);
    }

    void gitDriverHandlesAddedAndDeletedFiles()
    {
        const QString path = QStringLiteral("m.bulkhead.json");
        const CliResult added = gitDriver(path, QStringLiteral("/dev/null"), fixture("base"));
        QCOMPARE(added.exitCode, 0); // git stops at an external diff that exits non-zero
        QVERIFY(added.out.startsWith(QStringLiteral("bulkhead diff a/m.bulkhead.json b/m.bulkhead.json\n--- /dev/null\n+++ b/m.bulkhead.json\n")));
        QVERIFY(added.out.contains(QStringLiteral("+ element redis \"Redis cache\"")));
        const CliResult deleted = gitDriver(path, fixture("base"), QStringLiteral("/dev/null"));
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY(deleted.out.contains(QStringLiteral("- element redis \"Redis cache\"")));
        QCOMPARE(gitDriver(QStringLiteral("m"), fixture("corrupt"), fixture("base")).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliDiff)
#include "tst_cli_diff.moc"
