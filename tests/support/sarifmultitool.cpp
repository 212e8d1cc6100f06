#include "sarifmultitool.h"

#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace bulkhead::test {

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QString multitoolPath()
{
    const QString given = qEnvironmentVariable("BULKHEAD_SARIF_MULTITOOL");
    if (!given.isEmpty())
        return given;
    QString cache = qEnvironmentVariable("XDG_CACHE_HOME");
    if (cache.isEmpty())
        cache = QDir::homePath() + QStringLiteral("/.cache");
    return cache + QStringLiteral("/bulkhead/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
}

QString effectiveLevel(const QJsonObject &result, const QJsonArray &rules)
{
    if (result.contains(QStringLiteral("level")))
        return result.value(QStringLiteral("level")).toString();
    QJsonObject rule;
    if (result.contains(QStringLiteral("ruleIndex"))) {
        rule = rules.at(result.value(QStringLiteral("ruleIndex")).toInt()).toObject();
    } else {
        for (const QJsonValue &value : rules) {
            if (value.toObject().value(QStringLiteral("id")) == result.value(QStringLiteral("ruleId")))
                rule = value.toObject();
        }
    }
    const QJsonValue level = rule.value(QStringLiteral("defaultConfiguration")).toObject().value(QStringLiteral("level"));
    return level.isString() ? level.toString() : QStringLiteral("warning");
}

SarifCheck validateSarif(const QString &file, const QString &scratch)
{
    SarifCheck check;
    const QString tool = multitoolPath();
    const QString schema = QFileInfo(tool).dir().filePath(QStringLiteral("sarif-2.1.0.json"));
    if (!QFileInfo(tool).isExecutable() || !QFileInfo::exists(schema)) {
        check.failure = QStringLiteral("the SARIF Multitool is not installed at %1 (with sarif-2.1.0.json beside it): "
                                       "run scripts/setup, or point BULKHEAD_SARIF_MULTITOOL at Sarif.Multitool")
                            .arg(tool);
        return check;
    }
    static int calls = 0;
    const QString log = QDir(scratch).filePath(QStringLiteral("multitool-%1.sarif").arg(++calls));
    const CliResult validator = runProgram(tool, {QStringLiteral("validate"), file, QStringLiteral("-o"), log, QStringLiteral("--log"),
                                     QStringLiteral("ForceOverwrite"), QStringLiteral("--level"),
                                     QStringLiteral("Error;Warning;Note"), QStringLiteral("-j"), schema});
    const QString output = validator.out.right(1500) + validator.err.right(1500);
    if (validator.exitCode != 0) {
        check.failure = QStringLiteral("Sarif.Multitool validate exited with %1:\n%2").arg(validator.exitCode).arg(output);
        return check;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(readAll(log), &error);
    const QJsonObject runObject = document.object().value(QStringLiteral("runs")).toArray().first().toObject();
    if (error.error != QJsonParseError::NoError || runObject.isEmpty()) {
        check.failure = QStringLiteral("no readable log from Sarif.Multitool at %1 (%2):\n%3")
                            .arg(log, error.errorString(), output);
        return check;
    }
    const QJsonObject invocation = runObject.value(QStringLiteral("invocations")).toArray().first().toObject();
    if (!invocation.value(QStringLiteral("executionSuccessful")).toBool()) {
        check.failure = QStringLiteral("Sarif.Multitool says its run failed: %1")
                            .arg(QString::fromUtf8(QJsonDocument(invocation).toJson(QJsonDocument::Compact)));
        return check;
    }
    const QJsonArray rules = runObject.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver"))
                                 .toObject().value(QStringLiteral("rules")).toArray();
    for (const QJsonValue &value : runObject.value(QStringLiteral("results")).toArray()) {
        const QJsonObject result = value.toObject();
        const QString level = effectiveLevel(result, rules);
        if (level == QLatin1String("note")) {
            ++check.notes;
            continue;
        }
        if (level == QLatin1String("none"))
            continue;
        (level == QLatin1String("error") ? check.errors : check.warnings) += 1;
        const QJsonObject message = result.value(QStringLiteral("message")).toObject();
        QStringList arguments;
        for (const QJsonValue &argument : message.value(QStringLiteral("arguments")).toArray())
            arguments << argument.toString();
        check.findings << QStringLiteral("%1 %2 %3 %4")
                              .arg(level, result.value(QStringLiteral("ruleId")).toString(),
                                   message.value(QStringLiteral("id")).toString() + message.value(QStringLiteral("text")).toString(),
                                   arguments.join(QStringLiteral(" | ")));
    }
    return check;
}


} // namespace bulkhead::test
