// Golden files: the HTML, Markdown and CSV reports of example models must match
// tests/data/golden/ byte for byte. After an intended change to a report, run this test with
// BULKHEAD_UPDATE_GOLDEN=1 to rewrite the files (each row then skips, saying so) and review the
// change with git diff before committing it.
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace {

const QString reportDate = QStringLiteral("2026-01-15");

struct Run
{
    int exitCode = -1;
    QByteArray err;
};

Run runCli(const QStringList &arguments, const QString &workingDirectory, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BULKHEAD_CLI_PATH), arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2, process.readAllStandardError()};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/** Where two texts first differ, by line (1-based; 0 when they are equal) and column. */
struct Difference
{
    qsizetype line = 0;
    qsizetype column = 0;
    QByteArray expected; ///< that line of each text, without its '\n'; absent past the end
    QByteArray actual;
    bool expectedEnded = false;
    bool actualEnded = false;
};

Difference firstDifference(const QByteArray &expected, const QByteArray &actual)
{
    Difference d;
    if (expected == actual)
        return d;
    const QList<QByteArray> a = expected.split('\n');
    const QList<QByteArray> b = actual.split('\n');
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    d.line = i + 1;
    d.expectedEnded = i >= a.size();
    d.actualEnded = i >= b.size();
    d.expected = d.expectedEnded ? QByteArray() : a[i];
    d.actual = d.actualEnded ? QByteArray() : b[i];
    while (d.column < d.expected.size() && d.column < d.actual.size() && d.expected[d.column] == d.actual[d.column])
        ++d.column;
    return d;
}

/** A window of a long line around `column`, with CR and tab made visible. */
QString excerpt(const QByteArray &line, qsizetype column, bool ended)
{
    if (ended)
        return QStringLiteral("<end of file>");
    const qsizetype from = std::max<qsizetype>(0, column - 80);
    QString text = QString::fromUtf8(line.mid(from, 240));
    text.replace(QLatin1Char('\r'), QStringLiteral("\\r")).replace(QLatin1Char('\t'), QStringLiteral("\\t"));
    return (from > 0 ? QStringLiteral("…") : QString()) + text + (from + 240 < line.size() ? QStringLiteral("…") : QString());
}

QString describe(const Difference &d, const QString &expectedName, const QString &actualName)
{
    return QStringLiteral("%1 differs from %2 at line %3 (column %4):\n  %5: %6\n  %7: %8")
        .arg(actualName, expectedName)
        .arg(d.line)
        .arg(d.column + 1)
        .arg(expectedName, excerpt(d.expected, d.column, d.expectedEnded), actualName,
             excerpt(d.actual, d.column, d.actualEnded));
}

} // namespace

class TestReportGolden : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void matchesGolden_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("format");
        for (const QString &model : {QStringLiteral("compose-web-app"), QStringLiteral("service-mesh-mtls")}) {
            for (const QString &format : {QStringLiteral("html"), QStringLiteral("md"), QStringLiteral("csv")})
                QTest::newRow(qPrintable(model + QLatin1Char('.') + format)) << model << format;
        }
    }

    void matchesGolden()
    {
        QFETCH(QString, model);
        QFETCH(QString, format);
        const QString name = model + QLatin1Char('.') + format;
        const QString source = bulkhead::test::sourcePath(QStringLiteral("examples/%1.bulkhead.json").arg(model));

        // The report twice, from copies of the model at different paths, run from different
        // directories with different clocks, zones and locales: nothing of that may show.
        const QDir here(m_dir.path());
        QVERIFY(here.mkpath(name + QStringLiteral("/one")) && here.mkpath(name + QStringLiteral("/two")));
        const QString one = here.filePath(name + QStringLiteral("/one"));
        const QString two = here.filePath(name + QStringLiteral("/two"));
        QVERIFY(QFile::copy(source, one + QStringLiteral("/model.bulkhead.json")));
        QVERIFY(QFile::copy(source, two + QStringLiteral("/another name.bulkhead.json")));
        QProcessEnvironment first = QProcessEnvironment::systemEnvironment();
        first.insert(QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("0"));
        first.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        QProcessEnvironment second = QProcessEnvironment::systemEnvironment();
        second.insert(QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("1999999999"));
        second.insert(QStringLiteral("TZ"), QStringLiteral("Pacific/Kiritimati"));
        second.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
        const QStringList options{QStringLiteral("--format"), format, QStringLiteral("--date"), reportDate};
        const Run a = runCli(QStringList{QStringLiteral("report"), QStringLiteral("model.bulkhead.json"), QStringLiteral("-o"),
                                         QStringLiteral("out.") + format} + options,
                             one, first);
        QVERIFY2(a.exitCode == 0 && a.err.isEmpty(), a.err.constData());
        const Run b = runCli(QStringList{QStringLiteral("report"), two + QStringLiteral("/another name.bulkhead.json"),
                                         QStringLiteral("-o"), two + QStringLiteral("/out.") + format} + options,
                             QDir::rootPath(), second);
        QVERIFY2(b.exitCode == 0 && b.err.isEmpty(), b.err.constData());
        const QByteArray actual = readFile(one + QStringLiteral("/out.") + format);
        QVERIFY(!actual.isEmpty());
        const Difference unstable = firstDifference(actual, readFile(two + QStringLiteral("/out.") + format));
        QVERIFY2(unstable.line == 0, qPrintable(QStringLiteral("the report is not reproducible: ")
                                                + describe(unstable, QStringLiteral("first run"), QStringLiteral("second run"))));

        // The cover shows the date given, not today's.
        if (format == QLatin1String("html"))
            QVERIFY(actual.contains("<dt>Date</dt><dd>" + reportDate.toUtf8() + "</dd>"));
        if (format == QLatin1String("md"))
            QVERIFY(actual.contains("\n- **Date:** " + reportDate.toUtf8() + "\n"));

        const QString golden = bulkhead::test::dataPath(QStringLiteral("golden/") + name);
        if (qEnvironmentVariable("BULKHEAD_UPDATE_GOLDEN") == QLatin1String("1")) {
            QVERIFY(QDir().mkpath(QFileInfo(golden).path()));
            QFile file(golden);
            QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file.errorString()));
            QCOMPARE(file.write(actual), actual.size());
            file.close();
            QSKIP(qPrintable(QStringLiteral("BULKHEAD_UPDATE_GOLDEN=1: wrote %1; review it with git diff").arg(golden)));
        }
        QVERIFY2(QFileInfo::exists(golden),
                 qPrintable(QStringLiteral("%1 is missing: run this test with BULKHEAD_UPDATE_GOLDEN=1 to create it").arg(golden)));
        const Difference difference = firstDifference(readFile(golden), actual);
        QVERIFY2(difference.line == 0,
                 qPrintable(describe(difference, QStringLiteral("tests/data/golden/") + name, QStringLiteral("bulkhead-cli report"))
                            + QStringLiteral("\nIf the change is intended, rerun with BULKHEAD_UPDATE_GOLDEN=1 and review git diff.")));
    }

    void differenceNamesFirstDifferingLine()
    {
        // The mismatch report above must point at the right place.
        QCOMPARE(firstDifference("a\nb\r\nc\n", "a\nb\r\nc\n").line, qsizetype(0));
        const Difference changed = firstDifference("a\nbcd\ne\n", "a\nbXd\ne\n");
        QCOMPARE(changed.line, qsizetype(2));
        QCOMPARE(changed.column, qsizetype(1));
        QCOMPARE(changed.expected, QByteArray("bcd"));
        QCOMPARE(changed.actual, QByteArray("bXd"));
        const Difference lineEnd = firstDifference("a\r\nb\r\n", "a\nb\n");
        QCOMPARE(lineEnd.line, qsizetype(1));
        QCOMPARE(excerpt(lineEnd.expected, lineEnd.column, false), QStringLiteral("a\\r"));
        const Difference longer = firstDifference("a\n", "a\nb");
        QCOMPARE(longer.line, qsizetype(2));
        QCOMPARE(longer.expected, QByteArray()); // the empty last piece after "a\n"
        const Difference shorter = firstDifference("a\nb\nc", "a\nb");
        QCOMPARE(shorter.line, qsizetype(3));
        QVERIFY(shorter.actualEnded && !shorter.expectedEnded);
        const Difference ended = firstDifference("a\nb\nc", "a\nb\nc\nd");
        QCOMPARE(ended.line, qsizetype(4));
        QVERIFY(ended.expectedEnded && !ended.actualEnded);
        QCOMPARE(excerpt(ended.expected, 0, ended.expectedEnded), QStringLiteral("<end of file>"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestReportGolden)
#include "tst_report_golden.moc"
