// analyze --baseline FILE --fail-on-new SEVERITY, end to end: the exit status and the failures
// named on stderr, baselines given as a model or as an earlier analyze --format json, and the
// baselineState and partialFingerprints of the SARIF, which must pass the SARIF Multitool.
#include "clirunner.h"
#include "sarifmultitool.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace bulkhead::test;

namespace {

CliResult cli(const QStringList &arguments)
{
    return runProgram(QStringLiteral(BULKHEAD_CLI_PATH), arguments);
}

QJsonObject readObject(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

bool writeObject(const QString &path, const QJsonObject &object)
{
    QFile file(path);
    const QByteArray data = QJsonDocument(object).toJson();
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

/** `items` without the objects whose `key` is one of `values`. */
QJsonArray without(const QJsonArray &items, const QString &key, const QStringList &values)
{
    QJsonArray kept;
    for (const QJsonValue &item : items) {
        if (!values.contains(item.toObject().value(key).toString()))
            kept.append(item);
    }
    return kept;
}

/** The example model without an element and the flows to and from it. */
QJsonObject withoutElement(QJsonObject model, const QString &id)
{
    model[QStringLiteral("elements")] = without(model.value(QStringLiteral("elements")).toArray(), QStringLiteral("id"), {id});
    QJsonArray flows;
    for (const QJsonValue &flow : model.value(QStringLiteral("flows")).toArray()) {
        const QJsonObject f = flow.toObject();
        if (f.value(QStringLiteral("source")).toString() != id && f.value(QStringLiteral("target")).toString() != id)
            flows.append(flow);
    }
    model[QStringLiteral("flows")] = flows;
    return model;
}

/** The results of a SARIF log by their fingerprint. */
QHash<QString, QJsonObject> resultsByFingerprint(const QJsonObject &sarif)
{
    QHash<QString, QJsonObject> results;
    const QJsonArray all = sarif.value(QStringLiteral("runs")).toArray().first().toObject().value(QStringLiteral("results")).toArray();
    for (const QJsonValue &value : all) {
        const QJsonObject result = value.toObject();
        results.insert(result.value(QStringLiteral("partialFingerprints")).toObject().value(QStringLiteral("bulkheadThreatId/v1")).toString(),
                       result);
    }
    return results;
}

} // namespace

class TestBaselineGateCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_current;        ///< the example model: open criticals, IMG-01@nginx among them
    QString m_withoutNginx;   ///< a baseline before nginx: IMG-01@nginx (critical) is new
    QString m_withoutPgdata;  ///< a baseline before the volume: only medium and low threats are new
    QString m_acceptedNginx;  ///< the example with IMG-01@nginx accepted in the register

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /** analyze MODEL --baseline BASE --fail-on-new SEVERITY, its text output in the scratch folder. */
    CliResult gate(const QString &model, const QString &baseline, const QString &severity)
    {
        return cli({QStringLiteral("analyze"), model, QStringLiteral("--baseline"), baseline, QStringLiteral("--fail-on-new"),
                    severity, QStringLiteral("-o"), path(QStringLiteral("gate-output.txt"))});
    }

    /** analyze MODEL --format json into `out`. */
    void analysisJson(const QString &model, const QString &out)
    {
        const CliResult analysed = cli({QStringLiteral("analyze"), model, QStringLiteral("--format"), QStringLiteral("json"),
                                        QStringLiteral("-o"), out});
        QVERIFY2(analysed.exitCode == 0, qPrintable(analysed.err));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_current = sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json"));
        const QJsonObject example = readObject(m_current);
        QVERIFY(!example.isEmpty());
        m_withoutNginx = path(QStringLiteral("without-nginx.bulkhead.json"));
        QVERIFY(writeObject(m_withoutNginx, withoutElement(example, QStringLiteral("nginx"))));
        m_withoutPgdata = path(QStringLiteral("without-pgdata.bulkhead.json"));
        QVERIFY(writeObject(m_withoutPgdata, withoutElement(example, QStringLiteral("pgdata"))));
        QJsonObject accepted = example;
        QJsonArray entries = accepted.value(QStringLiteral("register")).toArray();
        entries.append(QJsonObject{{QStringLiteral("threat"), QStringLiteral("IMG-01@nginx")},
                                   {QStringLiteral("status"), QStringLiteral("accepted")},
                                   {QStringLiteral("justification"), QStringLiteral("Pinned by digest in the next release.")},
                                   {QStringLiteral("owner"), QStringLiteral("Web platform team")}});
        accepted[QStringLiteral("register")] = entries;
        m_acceptedNginx = path(QStringLiteral("accepted-nginx.bulkhead.json"));
        QVERIFY(writeObject(m_acceptedNginx, accepted));
    }

    void unchangedModelWithOpenCriticalsPasses()
    {
        // The model has open criticals: --fail-on would fail it.
        const CliResult all = cli({QStringLiteral("analyze"), m_current, QStringLiteral("--fail-on"), QStringLiteral("critical"),
                                   QStringLiteral("-o"), path(QStringLiteral("all.txt"))});
        QCOMPARE(all.exitCode, 3);
        const CliResult unchanged = gate(m_current, m_current, QStringLiteral("low"));
        QCOMPARE(unchanged.exitCode, 0);
        QVERIFY2(unchanged.err.isEmpty(), qPrintable(unchanged.err));
    }

    void newCriticalFails()
    {
        const CliResult result = gate(m_current, m_withoutNginx, QStringLiteral("critical"));
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains(QStringLiteral("--fail-on-new critical: 1 open threat new or worse since")), qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("  critical (new)  IMG-01@nginx  ")), qPrintable(result.err));
        // The analysis itself is still written in full.
        QVERIFY(readAll(path(QStringLiteral("gate-output.txt"))).contains("IMG-01@nginx"));
        // Both gates at once: each can fail the run.
        const CliResult both = cli({QStringLiteral("analyze"), m_current, QStringLiteral("--baseline"), m_current,
                                    QStringLiteral("--fail-on-new"), QStringLiteral("low"), QStringLiteral("--fail-on"),
                                    QStringLiteral("critical"), QStringLiteral("-o"), path(QStringLiteral("both.txt"))});
        QCOMPARE(both.exitCode, 3);
    }

    void newThreatsBelowTheThresholdPass()
    {
        const CliResult high = gate(m_current, m_withoutPgdata, QStringLiteral("high"));
        QCOMPARE(high.exitCode, 0);
        QVERIFY2(high.err.isEmpty(), qPrintable(high.err));
        // The same change at a lower threshold fails: the volume's threats are new.
        const CliResult medium = gate(m_current, m_withoutPgdata, QStringLiteral("medium"));
        QCOMPARE(medium.exitCode, 3);
        QVERIFY2(medium.err.contains(QStringLiteral("RUN-32@pgdata")), qPrintable(medium.err));
    }

    void acceptedNewCriticalPasses()
    {
        const CliResult result = gate(m_acceptedNginx, m_withoutNginx, QStringLiteral("critical"));
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    }

    void jsonAndModelBaselinesGiveTheSameVerdict_data()
    {
        QTest::addColumn<QString>("baselineName");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("new critical") << QStringLiteral("without-nginx") << QStringLiteral("critical") << 3;
        QTest::newRow("new high") << QStringLiteral("without-nginx") << QStringLiteral("high") << 3;
        QTest::newRow("new medium, gate high") << QStringLiteral("without-pgdata") << QStringLiteral("high") << 0;
        QTest::newRow("new medium, gate medium") << QStringLiteral("without-pgdata") << QStringLiteral("medium") << 3;
    }

    void jsonAndModelBaselinesGiveTheSameVerdict()
    {
        QFETCH(QString, baselineName);
        QFETCH(QString, severity);
        QFETCH(int, exitCode);
        const QString model = path(baselineName + QStringLiteral(".bulkhead.json"));
        // A name that says nothing: the kind of baseline is told by content.
        const QString json = path(baselineName + QStringLiteral("-analysis.bulkhead.json"));
        analysisJson(model, json);
        const CliResult fromModel = gate(m_current, model, severity);
        const CliResult fromJson = gate(m_current, json, severity);
        QCOMPARE(fromModel.exitCode, exitCode);
        QCOMPARE(fromJson.exitCode, exitCode);
        QCOMPARE(fromJson.err.section(QLatin1Char('\n'), 1), fromModel.err.section(QLatin1Char('\n'), 1));
    }

    void badBaselineIsAnError_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << QByteArray("{\"summary\": {}, \"threats\": [\n {\"id\": ") << QStringLiteral(":2:");
        QTest::newRow("empty") << QByteArray() << QStringLiteral(":1:");
        QTest::newRow("unknown JSON") << QByteArray("{\"version\": \"2.1.0\", \"runs\": []}")
                                      << QStringLiteral(":1:1: neither a Bulkhead model");
        QTest::newRow("bad status")
            << QByteArray("{\"summary\": {}, \"threats\": [{\"id\": \"A@b\", \"severity\": \"low\",\n"
                          " \"residualSeverity\": \"low\", \"status\": \"closed\"}]}")
            << QStringLiteral(":2:39: threats[0].status: unknown status \"closed\"");
    }

    void badBaselineIsAnError()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString baseline = path(QStringLiteral("corrupt.json"));
        QFile file(baseline);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        const CliResult result = cli({QStringLiteral("analyze"), m_current, QStringLiteral("--baseline"), baseline,
                                      QStringLiteral("--fail-on-new"), QStringLiteral("critical")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith(QStringLiteral("bulkhead-cli: ") + baseline + expected), qPrintable(result.err));
        QCOMPARE(result.err.count(QLatin1Char('\n')), qsizetype(1));
        QVERIFY2(result.out.isEmpty(), "nothing is analysed against a baseline that cannot be read");
    }

    void misuseIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString model = sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json"));
        QTest::newRow("no baseline") << QStringList{QStringLiteral("analyze"), model, QStringLiteral("--fail-on-new"), QStringLiteral("high")}
                                     << QStringLiteral("--fail-on-new needs --baseline FILE");
        QTest::newRow("bad severity") << QStringList{QStringLiteral("analyze"), model, QStringLiteral("--baseline"), model,
                                                     QStringLiteral("--fail-on-new"), QStringLiteral("severe")}
                                      << QStringLiteral("--fail-on-new must be low, medium, high or critical");
        QTest::newRow("missing file") << QStringList{QStringLiteral("analyze"), model, QStringLiteral("--baseline"),
                                                     QStringLiteral("/nonexistent/base.json")}
                                      << QStringLiteral("/nonexistent/base.json");
        QTest::newRow("validate") << QStringList{QStringLiteral("validate"), model, QStringLiteral("--baseline"), model}
                                  << QStringLiteral("--baseline and --fail-on-new are options of analyze");
        QTest::newRow("report") << QStringList{QStringLiteral("report"), model, QStringLiteral("-o"), QStringLiteral("r.sarif"),
                                               QStringLiteral("--baseline"), model}
                                << QStringLiteral("options of analyze");
    }

    void misuseIsAUsageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliResult result = cli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    }

    void sarifSaysTheBaselineStateOfEveryResult()
    {
        // A baseline analysis edited so that the run meets every state: RUN-32@pgdata is new,
        // IMG-07@nginx was low (so updated), RUN-05@gone-service is absent, the rest unchanged.
        const QString base = path(QStringLiteral("edited-base.json"));
        analysisJson(m_current, base);
        QJsonObject analysis = readObject(base);
        QJsonArray threats = without(analysis.value(QStringLiteral("threats")).toArray(), QStringLiteral("id"),
                                     {QStringLiteral("RUN-32@pgdata")});
        for (qsizetype i = 0; i < threats.size(); ++i) {
            QJsonObject threat = threats[i].toObject();
            if (threat.value(QStringLiteral("id")).toString() == QLatin1String("IMG-07@nginx")) {
                threat[QStringLiteral("residualSeverity")] = QStringLiteral("low");
                threats[i] = threat;
            }
        }
        threats.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("RUN-05@gone-service")},
                                   {QStringLiteral("rule"), QStringLiteral("RUN-05")},
                                   {QStringLiteral("title"), QStringLiteral("A threat of a service since removed")},
                                   {QStringLiteral("element"), QJsonObject{{QStringLiteral("id"), QStringLiteral("gone-service")}}},
                                   {QStringLiteral("severity"), QStringLiteral("high")},
                                   {QStringLiteral("residualSeverity"), QStringLiteral("high")},
                                   {QStringLiteral("status"), QStringLiteral("open")}});
        analysis[QStringLiteral("threats")] = threats;
        QVERIFY(writeObject(base, analysis));

        const auto sarifAgainst = [&](const QString &baseline, const QString &out) {
            const CliResult run = cli({QStringLiteral("analyze"), m_current, QStringLiteral("--format"), QStringLiteral("sarif"),
                                       QStringLiteral("--baseline"), baseline, QStringLiteral("-o"), out});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            const SarifCheck check = validateSarif(out, m_dir.path());
            QVERIFY2(check.passed(), qPrintable(check.summary()));
        };
        const QString first = path(QStringLiteral("first.sarif"));
        sarifAgainst(base, first);
        if (QTest::currentTestFailed())
            return;
        const QHash<QString, QJsonObject> results = resultsByFingerprint(readObject(first));
        QCOMPARE(results.value(QStringLiteral("RUN-32@pgdata")).value(QStringLiteral("baselineState")).toString(), QStringLiteral("new"));
        QCOMPARE(results.value(QStringLiteral("IMG-07@nginx")).value(QStringLiteral("baselineState")).toString(), QStringLiteral("updated"));
        QCOMPARE(results.value(QStringLiteral("IMG-01@nginx")).value(QStringLiteral("baselineState")).toString(), QStringLiteral("unchanged"));
        const QJsonObject gone = results.value(QStringLiteral("RUN-05@gone-service"));
        QCOMPARE(gone.value(QStringLiteral("baselineState")).toString(), QStringLiteral("absent"));
        QCOMPARE(gone.value(QStringLiteral("kind")).toString(), QStringLiteral("pass"));
        QCOMPARE(gone.value(QStringLiteral("ruleId")).toString(), QStringLiteral("RUN-05"));
        int unchanged = 0;
        for (const QJsonObject &result : results) {
            const QString state = result.value(QStringLiteral("baselineState")).toString();
            QVERIFY2(QStringList({QStringLiteral("new"), QStringLiteral("unchanged"), QStringLiteral("updated"), QStringLiteral("absent")})
                         .contains(state),
                     qPrintable(QJsonDocument(result).toJson()));
            unchanged += state == QLatin1String("unchanged") ? 1 : 0;
        }
        QCOMPARE(unchanged, int(results.size()) - 3);

        // Stable across runs, and whatever order the baseline lists its threats in.
        QJsonArray reversed;
        for (const QJsonValue &threat : threats)
            reversed.prepend(threat);
        analysis[QStringLiteral("threats")] = reversed;
        const QString reversedBase = path(QStringLiteral("reversed-base.json"));
        QVERIFY(writeObject(reversedBase, analysis));
        const QString second = path(QStringLiteral("second.sarif"));
        sarifAgainst(reversedBase, second);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(readAll(second), readAll(first));

        // A model as the baseline: validated the same way, every result in a state.
        const QString fromModel = path(QStringLiteral("from-model.sarif"));
        sarifAgainst(m_withoutNginx, fromModel);
        if (QTest::currentTestFailed())
            return;
        const QHash<QString, QJsonObject> modelResults = resultsByFingerprint(readObject(fromModel));
        QCOMPARE(modelResults.value(QStringLiteral("IMG-01@nginx")).value(QStringLiteral("baselineState")).toString(), QStringLiteral("new"));
        for (const QJsonObject &result : modelResults)
            QVERIFY(result.contains(QStringLiteral("baselineState")));
    }

    void sarifWithoutBaselineHasNoBaselineState()
    {
        const QString out = path(QStringLiteral("plain.sarif"));
        const CliResult run = cli({QStringLiteral("analyze"), m_current, QStringLiteral("--format"), QStringLiteral("sarif"),
                                   QStringLiteral("-o"), out});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!readAll(out).contains("baselineState"));
        QVERIFY(readAll(out).contains("bulkheadThreatId/v1"));
    }
};

QTEST_GUILESS_MAIN(TestBaselineGateCli)
#include "tst_baseline_gate.moc"
