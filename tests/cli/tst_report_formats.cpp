// The machine-readable reports of bulkhead-cli, for an example and for a model whose ids, names
// and texts are hostile to every format (markup, quotes, commas, line breaks, spreadsheet
// formulas): the CSV is strict RFC 4180 and holds the same rows as the JSON, the JSON parses and
// keeps every string, and the SARIF passes Microsoft's SARIF Multitool (installed by scripts/setup).
#include "sarifmultitool.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <functional>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, const QString &workingDirectory = QString())
{
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    if (!process.waitForFinished(180000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    Run result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QString exampleModel() { return bulkhead::test::sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json")); }
QString hostileModel() { return bulkhead::test::dataPath(QStringLiteral("report/hostile-fields.bulkhead.json")); }
/** The model whose HTML report tst_report_browser loads in Chromium: its other formats are checked here. */
QString browserHostileModel() { return bulkhead::test::dataPath(QStringLiteral("report/hostile.bulkhead.json")); }

QString modelFile(const QString &key)
{
    if (key == QLatin1String("hostile"))
        return hostileModel();
    if (key == QLatin1String("browser-hostile"))
        return browserHostileModel();
    return exampleModel();
}

// ---------------------------------------------------------------------------------------------
// CSV

struct Csv
{
    QList<QStringList> rows;
    QString error; ///< empty when the text is well-formed
};

/**
 * Strict RFC 4180 as docs/cli.md promises: UTF-8; records end with CRLF, the last one too; a
 * field is either unquoted (no comma, quote, CR or LF in it) or quoted (anything, a quote
 * written twice) and then followed directly by a comma or the record's end. Anything else is
 * an error naming the record.
 */
Csv parseCsvStrict(const QByteArray &data)
{
    Csv csv;
    auto fail = [&](int record, const QString &what) {
        csv.error = QStringLiteral("record %1: %2").arg(record).arg(what);
        return csv;
    };
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8.decode(data);
    if (utf8.hasError())
        return fail(0, QStringLiteral("not valid UTF-8"));
    Q_UNUSED(decoded);
    if (data.isEmpty())
        return fail(1, QStringLiteral("the file is empty"));

    QStringList row;
    QByteArray field;
    const qsizetype n = data.size();
    qsizetype i = 0;
    while (true) {
        const int record = int(csv.rows.size()) + 1;
        field.clear();
        if (data[i] == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                if (data[i] == '"') {
                    if (i + 1 < n && data[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                field += data[i++];
            }
            if (!closed)
                return fail(record, QStringLiteral("a quoted field is never closed"));
        } else {
            while (i < n && data[i] != ',' && data[i] != '\r' && data[i] != '\n') {
                if (data[i] == '"')
                    return fail(record, QStringLiteral("a quote inside an unquoted field"));
                field += data[i++];
            }
        }
        row.append(QString::fromUtf8(field));
        if (i == n)
            return fail(record, QStringLiteral("the last record does not end with CRLF"));
        if (data[i] == ',') {
            ++i;
            if (i == n)
                return fail(record, QStringLiteral("the file ends after a comma"));
            continue;
        }
        if (data[i] == '\r' && i + 1 < n && data[i + 1] == '\n') {
            i += 2;
            csv.rows.append(row);
            row.clear();
            if (i == n)
                return csv;
            continue;
        }
        return fail(record, QStringLiteral("expected a comma or CRLF after field %1, found byte 0x%2")
                                .arg(row.size())
                                .arg(quint8(data[i]), 2, 16, QLatin1Char('0')));
    }
}

/** Text as the CSV writer puts it: a leading =, +, -, @, tab or CR gets a ' so spreadsheets see text. */
QString defused(const QString &text)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    return !text.isEmpty() && formulaStarts.contains(text.front()) ? QLatin1Char('\'') + text : text;
}

const QStringList csvColumns = {
    QStringLiteral("id"),          QStringLiteral("rule"),
    QStringLiteral("stride"),      QStringLiteral("title"),
    QStringLiteral("subject_type"), QStringLiteral("subject_id"),
    QStringLiteral("subject_name"), QStringLiteral("subject_kind"),
    QStringLiteral("likelihood"),  QStringLiteral("impact"),
    QStringLiteral("severity"),    QStringLiteral("residual_severity"),
    QStringLiteral("status"),      QStringLiteral("needs_confirmation"),
    QStringLiteral("mitigations"), QStringLiteral("implemented_mitigations"),
    QStringLiteral("owner"),       QStringLiteral("justification"),
    QStringLiteral("explanation"), QStringLiteral("severity_up_to"),
    QStringLiteral("residual_severity_up_to")};

/**
 * The CSV row docs/cli.md describes for one threat of the JSON report, column by column as in
 * csvColumns. A JSON field that is missing or of the wrong type is reported in `problems`, so
 * that an empty CSV cell never matches a field the JSON lost.
 */
QStringList expectedCsvRow(const QJsonObject &threat, QStringList &problems)
{
    const QString id = threat.value(QStringLiteral("id")).toString();
    auto text = [&](const QJsonObject &object, const char *key) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (!value.isString())
            problems << QStringLiteral("%1: \"%2\" is not a string").arg(id, QLatin1String(key));
        return value.toString();
    };
    auto integer = [&](const char *key) {
        const QJsonValue value = threat.value(QLatin1String(key));
        if (!value.isDouble() || value.toDouble() != double(value.toInteger()))
            problems << QStringLiteral("%1: \"%2\" is not an integer").arg(id, QLatin1String(key));
        return QString::number(value.toInteger());
    };
    auto flag = [&](const char *key) {
        const QJsonValue value = threat.value(QLatin1String(key));
        if (!value.isBool())
            problems << QStringLiteral("%1: \"%2\" is not a boolean").arg(id, QLatin1String(key));
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    };
    const QJsonValue confirm = threat.value(QStringLiteral("needsConfirmation"));
    if (!confirm.isBool())
        problems << QStringLiteral("%1: \"needsConfirmation\" is not a boolean").arg(id);
    if (!threat.value(QStringLiteral("element")).isObject())
        problems << QStringLiteral("%1: \"element\" is not an object").arg(id);
    const QJsonObject element = threat.value(QStringLiteral("element")).toObject();
    if (!threat.value(QStringLiteral("mitigations")).isArray())
        problems << QStringLiteral("%1: \"mitigations\" is not an array").arg(id);
    QStringList all;
    QStringList implemented;
    for (const QJsonValue &value : threat.value(QStringLiteral("mitigations")).toArray()) {
        const QJsonObject mitigation = value.toObject();
        const QString mitigationId = text(mitigation, "id");
        if (!mitigation.value(QStringLiteral("implemented")).isBool())
            problems << QStringLiteral("%1: mitigation %2 has no boolean \"implemented\"").arg(id, mitigationId);
        all << mitigationId;
        if (mitigation.value(QStringLiteral("implemented")).toBool())
            implemented << mitigationId;
    }
    const QStringList row = {text(threat, "id"),
                             text(threat, "rule"),
                             text(threat, "stride"),
                             text(threat, "title"),
                             text(threat, "subjectType"),
                             text(element, "id"),
                             text(element, "name"),
                             text(element, "kind"),
                             integer("likelihood"),
                             integer("impact"),
                             text(threat, "severity"),
                             text(threat, "residualSeverity"),
                             text(threat, "status"),
                             confirm.toBool() ? QStringLiteral("true") : QStringLiteral("false"),
                             all.join(QLatin1Char(' ')),
                             implemented.join(QLatin1Char(' ')),
                             text(threat, "owner"),
                             text(threat, "justification"),
                             text(threat, "explanation"),
                             flag("severityUpTo"),
                             flag("residualSeverityUpTo")};
    QStringList out;
    for (const QString &field : row)
        out << defused(field);
    return out;
}

/** For messages: control characters made visible. */
QString visible(QString text)
{
    text.replace(QLatin1Char('\r'), QStringLiteral("\\r")).replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return text.replace(QLatin1Char('\t'), QStringLiteral("\\t"));
}

using bulkhead::test::effectiveLevel;
using bulkhead::test::SarifCheck;
using bulkhead::test::validateSarif;

QJsonObject parseObject(const QByteArray &data, QString &error)
{
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parse);
    if (parse.error != QJsonParseError::NoError)
        error = QStringLiteral("%1 at offset %2").arg(parse.errorString()).arg(parse.offset);
    else if (!document.isObject())
        error = QStringLiteral("not a JSON object");
    return document.object();
}

} // namespace

class TestReportFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QHash<QString, QString> models{{QStringLiteral("example"), exampleModel()},
                                            {QStringLiteral("hostile"), hostileModel()},
                                            {QStringLiteral("browser-hostile"), browserHostileModel()}};
        for (auto model = models.begin(); model != models.end(); ++model) {
            for (const QString &format : {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("sarif")}) {
                const QString out = output(model.key(), format);
                const Run cli = run(QStringLiteral(BULKHEAD_CLI_PATH),
                                    {QStringLiteral("report"), model.value(), QStringLiteral("-o"), out,
                                     QStringLiteral("--format"), format});
                QVERIFY2(cli.exitCode == 0, qPrintable(model.value() + QLatin1Char(' ') + format + QStringLiteral(": ")
                                                       + QString::fromUtf8(cli.err)));
                QVERIFY(cli.err.isEmpty());
                QVERIFY(QFileInfo(out).size() > 0);
            }
        }
    }

    void csvColumnsAreDocumented()
    {
        // The columns written, the columns this test maps and the columns docs/cli.md lists agree.
        const Csv csv = parseCsvStrict(readFile(output(QStringLiteral("example"), QStringLiteral("csv"))));
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QCOMPARE(csv.rows.first(), csvColumns);
        const QString docs = QString::fromUtf8(readFile(bulkhead::test::sourcePath(QStringLiteral("docs/cli.md"))));
        const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("Columns:\\s*`([^`]+)`")).match(docs);
        QVERIFY2(match.hasMatch(), "docs/cli.md no longer lists the CSV columns as \"Columns: `id, rule, ...`\"");
        QStringList documented;
        for (const QString &column : match.captured(1).split(QLatin1Char(',')))
            documented << column.simplified();
        QCOMPARE(documented, csvColumns);
    }

    void csvParserIsStrict_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("records"); // -1: must be refused
        QTest::newRow("plain") << QByteArray("a,b\r\n1,2\r\n") << 2;
        QTest::newRow("quoted") << QByteArray("a,b\r\n\"x,\"\"y\"\"\r\nz\",\r\n") << 2;
        QTest::newRow("empty fields") << QByteArray(",\r\n\"\",\r\n") << 2;
        QTest::newRow("LF line end") << QByteArray("a,b\n1,2\n") << -1;
        QTest::newRow("bare CR") << QByteArray("a,b\r1,2\r\n") << -1;
        QTest::newRow("no final CRLF") << QByteArray("a,b\r\n1,2") << -1;
        QTest::newRow("quote in unquoted field") << QByteArray("a,b\"c\r\n") << -1;
        QTest::newRow("text after closing quote") << QByteArray("\"a\"b,c\r\n") << -1;
        QTest::newRow("single quote inside quotes") << QByteArray("\"a\"\"b\"c\"\r\n") << -1;
        QTest::newRow("unterminated quote") << QByteArray("\"abc,d\r\n") << -1;
        QTest::newRow("ends after comma") << QByteArray("a,") << -1;
        QTest::newRow("empty") << QByteArray() << -1;
        QTest::newRow("invalid UTF-8") << QByteArray("a,\xC3\x28\r\n") << -1;
    }

    void csvParserIsStrict()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, records);
        const Csv csv = parseCsvStrict(text);
        if (records < 0) {
            QVERIFY2(!csv.error.isEmpty(), "malformed CSV accepted");
            return;
        }
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QCOMPARE(csv.rows.size(), records);
        if (QTest::currentDataTag() == QByteArrayLiteral("quoted"))
            QCOMPARE(csv.rows.at(1), (QStringList{QStringLiteral("x,\"y\"\r\nz"), QString()}));
    }

    void csvIsStrictRfc4180_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("example") << QStringLiteral("example");
        QTest::newRow("hostile") << QStringLiteral("hostile");
        QTest::newRow("browser-hostile") << QStringLiteral("browser-hostile");
    }

    void csvIsStrictRfc4180()
    {
        QFETCH(QString, model);
        const Csv csv = parseCsvStrict(readFile(output(model, QStringLiteral("csv"))));
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QVERIFY(csv.rows.size() > 1);
        QCOMPARE(csv.rows.first(), csvColumns);
        for (qsizetype i = 0; i < csv.rows.size(); ++i)
            QVERIFY2(csv.rows.at(i).size() == csvColumns.size(),
                     qPrintable(QStringLiteral("record %1 has %2 fields").arg(i + 1).arg(csv.rows.at(i).size())));
        if (model == QLatin1String("hostile")) {
            // The hostile model really puts every character that needs quoting into fields.
            for (const QString &needle : {QStringLiteral(","), QStringLiteral("\""), QStringLiteral("\n"),
                                         QStringLiteral("\r\n"), QStringLiteral("\r"), QStringLiteral("<script>")}) {
                bool seen = false;
                for (const QStringList &row : csv.rows)
                    seen = seen || std::any_of(row.begin(), row.end(), [&](const QString &f) { return f.contains(needle); });
                QVERIFY2(seen, qPrintable(QStringLiteral("no field holds \"%1\"").arg(visible(needle))));
            }
        }
    }

    void jsonParsesAndKeepsStrings_data() { csvIsStrictRfc4180_data(); }

    void jsonParsesAndKeepsStrings()
    {
        QFETCH(QString, model);
        QString error;
        const QJsonObject report = parseObject(readFile(output(model, QStringLiteral("json"))), error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonArray threats = report.value(QStringLiteral("threats")).toArray();
        QVERIFY(!threats.isEmpty());
        QCOMPARE(report.value(QStringLiteral("summary")).toObject().value(QStringLiteral("threats")).toInt(), threats.size());
        if (model != QLatin1String("hostile"))
            return;

        // Every name and title comes back exactly as the model file has it.
        const QJsonObject source = parseObject(readFile(hostileModel()), error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QHash<QString, QString> names;
        for (const char *collection : {"boundaries", "elements", "flows"}) {
            for (const QJsonValue &value : source.value(QLatin1String(collection)).toArray())
                names.insert(value.toObject().value(QStringLiteral("id")).toString(), value.toObject().value(QStringLiteral("name")).toString());
        }
        QHash<QString, QString> manualTitles;
        for (const QJsonValue &value : source.value(QStringLiteral("manualThreats")).toArray())
            manualTitles.insert(value.toObject().value(QStringLiteral("id")).toString(), value.toObject().value(QStringLiteral("title")).toString());
        const QString title = source.value(QStringLiteral("model")).toObject().value(QStringLiteral("title")).toString();
        int subjects = 0;
        int manual = 0;
        int modelScope = 0;
        for (const QJsonValue &value : threats) {
            const QJsonObject t = value.toObject();
            const QString id = t.value(QStringLiteral("id")).toString();
            const QJsonObject element = t.value(QStringLiteral("element")).toObject();
            const QString subjectId = element.value(QStringLiteral("id")).toString();
            if (t.value(QStringLiteral("subjectType")).toString() == QLatin1String("model")) {
                QCOMPARE(element.value(QStringLiteral("name")).toString(), title);
                ++modelScope;
            } else {
                QVERIFY2(names.contains(subjectId), qPrintable(visible(id)));
                QCOMPARE(element.value(QStringLiteral("name")).toString(), names.value(subjectId));
                ++subjects;
            }
            if (t.value(QStringLiteral("rule")).toString() == QLatin1String("manual")) {
                QCOMPARE(t.value(QStringLiteral("title")).toString(), manualTitles.value(id));
                ++manual;
            } else {
                QCOMPARE(id, t.value(QStringLiteral("rule")).toString() + QLatin1Char('@') + subjectId);
            }
        }
        QVERIFY(subjects > 0 && modelScope > 0);
        QCOMPARE(manual, manualTitles.size());
        const QJsonArray stale = report.value(QStringLiteral("staleEntries")).toArray();
        QCOMPARE(stale.size(), 1);
        QCOMPARE(stale.first().toObject().value(QStringLiteral("threat")).toString(), QStringLiteral("NET-04@web-db\n\"x\""));
    }

    void csvRowsMatchJson_data() { csvIsStrictRfc4180_data(); }

    void csvRowsMatchJson()
    {
        // One CSV row per JSON threat, in the same order, each documented column equal to its field.
        QFETCH(QString, model);
        const Csv csv = parseCsvStrict(readFile(output(model, QStringLiteral("csv"))));
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QString error;
        const QJsonArray threats = parseObject(readFile(output(model, QStringLiteral("json"))), error)
                                       .value(QStringLiteral("threats")).toArray();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!threats.isEmpty());
        QCOMPARE(csv.rows.size() - 1, threats.size());
        QStringList problems;
        int defusedCells = 0;
        int withMitigations = 0;
        int withImplemented = 0;
        for (qsizetype i = 0; i < threats.size(); ++i) {
            const QJsonObject threat = threats.at(i).toObject();
            const QStringList expected = expectedCsvRow(threat, problems);
            const QStringList &actual = csv.rows.at(i + 1);
            QCOMPARE(actual.size(), expected.size());
            for (qsizetype c = 0; c < expected.size(); ++c) {
                QVERIFY2(actual.at(c) == expected.at(c),
                         qPrintable(QStringLiteral("row %1 (%2), column %3:\n       csv: \"%4\"\n  from json: \"%5\"")
                                        .arg(i + 1).arg(visible(threat.value(QStringLiteral("id")).toString()), csvColumns.at(c),
                                             visible(actual.at(c)), visible(expected.at(c)))));
                defusedCells += actual.at(c).startsWith(QLatin1Char('\'')) ? 1 : 0;
            }
            withMitigations += expected.at(14).isEmpty() ? 0 : 1;
            withImplemented += expected.at(15).isEmpty() ? 0 : 1;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 10).join(QLatin1Char('\n'))));
        QVERIFY(withMitigations > 0);
        if (model == QLatin1String("example"))
            QVERIFY(withImplemented > 0); // the example shows some mitigations in place
        if (model == QLatin1String("hostile"))
            QVERIFY2(defusedCells >= 5, qPrintable(QString::number(defusedCells))); // formula-like text was defused
    }

    void sarifPassesMultitool_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("relativePath"); // empty: the absolute path of the model
        QTest::newRow("example") << QStringLiteral("example") << QString();
        QTest::newRow("hostile") << QStringLiteral("hostile") << QString();
        QTest::newRow("browser-hostile") << QStringLiteral("browser-hostile") << QString();
        // A model path that is no valid URI as it stands: spaces, '#', '%', brackets, non-ASCII.
        QTest::newRow("awkward path") << QStringLiteral("hostile")
                                      << QStringLiteral("dir with space#1%/m [\u00e9].bulkhead.json");
    }

    void sarifPassesMultitool()
    {
        QFETCH(QString, model);
        QFETCH(QString, relativePath);
        QString sarifFile = output(model, QStringLiteral("sarif"));
        QString modelPath = modelFile(model);
        if (!relativePath.isEmpty()) {
            QVERIFY(QDir(m_dir.path()).mkpath(QFileInfo(relativePath).path()));
            QVERIFY(QFile::copy(modelPath, m_dir.filePath(relativePath)));
            modelPath = relativePath;
            sarifFile = m_dir.filePath(QStringLiteral("awkward.sarif"));
            const Run cli = run(QStringLiteral(BULKHEAD_CLI_PATH),
                                {QStringLiteral("report"), relativePath, QStringLiteral("-o"), sarifFile,
                                 QStringLiteral("--format"), QStringLiteral("sarif")},
                                m_dir.path());
            QVERIFY2(cli.exitCode == 0, cli.err.constData());
        }

        const SarifCheck check = validateSarif(sarifFile, m_dir.path());
        QVERIFY2(check.failure.isEmpty(), qPrintable(check.failure));
        QVERIFY2(check.errors == 0 && check.warnings == 0, qPrintable(check.summary()));
        QVERIFY2(check.analysed(), "Sarif.Multitool reported nothing about a log with results: it did not analyse it");

        // The results are the catalog threats of the JSON report, in order, as docs/cli.md says.
        QString error;
        const QJsonObject sarif = parseObject(readFile(sarifFile), error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonArray json = parseObject(readFile(output(model, QStringLiteral("json"))), error)
                                    .value(QStringLiteral("threats")).toArray();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sarif.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        const QJsonObject runObject = sarif.value(QStringLiteral("runs")).toArray().first().toObject();
        const QJsonArray rules = runObject.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver"))
                                     .toObject().value(QStringLiteral("rules")).toArray();
        const QJsonArray results = runObject.value(QStringLiteral("results")).toArray();
        QJsonArray generated;
        for (const QJsonValue &value : json) {
            if (value.toObject().value(QStringLiteral("rule")).toString() != QLatin1String("manual"))
                generated.append(value);
        }
        QVERIFY(!results.isEmpty());
        QCOMPARE(results.size(), generated.size());
        const QHash<QString, QString> levels{{QStringLiteral("critical"), QStringLiteral("error")},
                                             {QStringLiteral("high"), QStringLiteral("error")},
                                             {QStringLiteral("medium"), QStringLiteral("warning")},
                                             {QStringLiteral("low"), QStringLiteral("note")}};
        for (qsizetype i = 0; i < results.size(); ++i) {
            const QJsonObject r = results.at(i).toObject();
            const QJsonObject t = generated.at(i).toObject();
            const QString id = t.value(QStringLiteral("id")).toString();
            QCOMPARE(r.value(QStringLiteral("partialFingerprints")).toObject().value(QStringLiteral("bulkheadThreatId/v1")).toString(), id);
            QCOMPARE(r.value(QStringLiteral("ruleId")).toString(), t.value(QStringLiteral("rule")).toString());
            QCOMPARE(rules.at(r.value(QStringLiteral("ruleIndex")).toInt(-1)).toObject().value(QStringLiteral("id")).toString(),
                     r.value(QStringLiteral("ruleId")).toString());
            QCOMPARE(r.value(QStringLiteral("level")).toString(), levels.value(t.value(QStringLiteral("residualSeverity")).toString()));
            const QString status = t.value(QStringLiteral("status")).toString();
            const bool open = status == QLatin1String("open") || status == QLatin1String("needs-investigation");
            QVERIFY2(r.contains(QStringLiteral("suppressions")) == !open, qPrintable(visible(id)));
            const QString uri = r.value(QStringLiteral("locations")).toArray().first().toObject()
                                    .value(QStringLiteral("physicalLocation")).toObject()
                                    .value(QStringLiteral("artifactLocation")).toObject()
                                    .value(QStringLiteral("uri")).toString();
            // Relative paths stay relative (percent-encoded); absolute ones are file: URIs.
            if (QDir::isAbsolutePath(modelPath))
                QCOMPARE(QUrl(uri, QUrl::StrictMode).toLocalFile(), modelPath);
            else
                QCOMPARE(QUrl::fromPercentEncoding(uri.toUtf8()), modelPath);
        }
    }

    void sarifHarnessCatchesBrokenLogs()
    {
        // The harness above must be able to fail: the Multitool and its reading catch broken logs.
        QString error;
        const QJsonObject good = parseObject(readFile(output(QStringLiteral("example"), QStringLiteral("sarif"))), error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto withFirstResult = [&](const std::function<void(QJsonObject &)> &change) {
            QJsonObject log = good;
            QJsonArray runs = log.value(QStringLiteral("runs")).toArray();
            QJsonObject runObject = runs.first().toObject();
            QJsonArray results = runObject.value(QStringLiteral("results")).toArray();
            QJsonObject result = results.first().toObject();
            change(result);
            results.replace(0, result);
            runObject.insert(QStringLiteral("results"), results);
            runs.replace(0, runObject);
            log.insert(QStringLiteral("runs"), runs);
            return QJsonDocument(log).toJson();
        };

        // A region starting at line 0: the Multitool reports errors.
        const QString zeroLine = m_dir.filePath(QStringLiteral("broken-startline.sarif"));
        QVERIFY(writeFile(zeroLine, withFirstResult([](QJsonObject &result) {
            QJsonArray locations = result.value(QStringLiteral("locations")).toArray();
            QJsonObject location = locations.first().toObject();
            QJsonObject physical = location.value(QStringLiteral("physicalLocation")).toObject();
            physical.insert(QStringLiteral("region"), QJsonObject{{QStringLiteral("startLine"), 0}});
            location.insert(QStringLiteral("physicalLocation"), physical);
            locations.replace(0, location);
            result.insert(QStringLiteral("locations"), locations);
        })));
        const SarifCheck zero = validateSarif(zeroLine, m_dir.path());
        QVERIFY2(zero.failure.isEmpty(), qPrintable(zero.failure));
        QVERIFY2(zero.errors > 0, qPrintable(zero.summary()));

        // A level outside the enumeration: the Multitool says nothing at all, which must not pass.
        const QString bogusLevel = m_dir.filePath(QStringLiteral("broken-level.sarif"));
        QVERIFY(writeFile(bogusLevel, withFirstResult([](QJsonObject &result) {
            result.insert(QStringLiteral("level"), QStringLiteral("bogus"));
        })));
        const SarifCheck bogus = validateSarif(bogusLevel, m_dir.path());
        QVERIFY2(bogus.failure.isEmpty(), qPrintable(bogus.failure));
        QVERIFY2(!bogus.passed(), qPrintable(bogus.summary()));

        // Not JSON at all.
        const QString truncated = m_dir.filePath(QStringLiteral("broken-truncated.sarif"));
        QVERIFY(writeFile(truncated, QJsonDocument(good).toJson().left(4000)));
        const SarifCheck cut = validateSarif(truncated, m_dir.path());
        QVERIFY2(!cut.passed(), qPrintable(cut.summary()));

        // The unchanged log passes the same harness.
        const QString unchanged = m_dir.filePath(QStringLiteral("unchanged.sarif"));
        QVERIFY(writeFile(unchanged, QJsonDocument(good).toJson()));
        const SarifCheck pass = validateSarif(unchanged, m_dir.path());
        QVERIFY2(pass.passed(), qPrintable(pass.summary()));
    }

    void findingLevels()
    {
        // A finding without a level takes its rule's default, and "warning" without one.
        const QJsonArray rules{QJsonObject{{QStringLiteral("id"), QStringLiteral("A")},
                                           {QStringLiteral("defaultConfiguration"), QJsonObject{{QStringLiteral("level"), QStringLiteral("note")}}}},
                               QJsonObject{{QStringLiteral("id"), QStringLiteral("B")}}};
        QCOMPARE(effectiveLevel(QJsonObject{{QStringLiteral("ruleId"), QStringLiteral("A")}, {QStringLiteral("level"), QStringLiteral("error")}}, rules),
                 QStringLiteral("error"));
        QCOMPARE(effectiveLevel(QJsonObject{{QStringLiteral("ruleId"), QStringLiteral("A")}, {QStringLiteral("ruleIndex"), 0}}, rules),
                 QStringLiteral("note"));
        QCOMPARE(effectiveLevel(QJsonObject{{QStringLiteral("ruleId"), QStringLiteral("A")}}, rules), QStringLiteral("note"));
        QCOMPARE(effectiveLevel(QJsonObject{{QStringLiteral("ruleId"), QStringLiteral("B")}, {QStringLiteral("ruleIndex"), 1}}, rules),
                 QStringLiteral("warning"));
        QCOMPARE(effectiveLevel(QJsonObject{{QStringLiteral("ruleId"), QStringLiteral("C")}}, rules), QStringLiteral("warning"));
    }

private:
    QString output(const QString &model, const QString &format) const
    {
        return m_dir.filePath(model + QLatin1Char('.') + format);
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestReportFormats)
#include "tst_report_formats.moc"
