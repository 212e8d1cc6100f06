#include "precisioncorpus.h"

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace bulkhead::precision {

namespace {

const QString corpusRoot = QStringLiteral(BULKHEAD_SOURCE_DIR "/tests/precision");

double share(int part, int whole)
{
    return whole == 0 ? 0.0 : double(part) / double(whole);
}

std::optional<FindingClass> findingClassFromKey(const QString &key)
{
    if (key == QLatin1String("VALID"))
        return FindingClass::Valid;
    if (key == QLatin1String("UNKNOWN-OK"))
        return FindingClass::UnknownOk;
    if (key == QLatin1String("FALSE"))
        return FindingClass::False;
    if (key == QLatin1String("DUPLICATE"))
        return FindingClass::Duplicate;
    return std::nullopt;
}

std::optional<QJsonObject> readJsonObject(const QString &path, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = path + QStringLiteral(": cannot read: ") + file.errorString();
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        error = path + QStringLiteral(": not a JSON object: ") + parseError.errorString();
        return std::nullopt;
    }
    return document.object();
}

std::optional<Severity> severityOf(const QJsonObject &object)
{
    return severityFromKey(object.value(QStringLiteral("severity")).toString().toStdString());
}

std::optional<ExpertItem> readExpertItem(const QJsonObject &object)
{
    ExpertItem item;
    item.id = object.value(QStringLiteral("id")).toString();
    item.subject = object.value(QStringLiteral("subject")).toString();
    item.risk = object.value(QStringLiteral("risk")).toString();
    const auto severity = severityOf(object);
    if (item.id.isEmpty() || item.subject.isEmpty() || item.risk.isEmpty() || !severity)
        return std::nullopt;
    item.severity = *severity;
    for (const QJsonValue &rule : object.value(QStringLiteral("namedBy")).toArray())
        item.namedBy << rule.toString();
    return item;
}

std::optional<FindingLabel> readLabel(const QJsonObject &object)
{
    const auto findingClass = findingClassFromKey(object.value(QStringLiteral("class")).toString());
    const auto severity = severityOf(object);
    if (!findingClass || !severity)
        return std::nullopt;
    return FindingLabel{*findingClass, *severity, object.value(QStringLiteral("note")).toString()};
}

/** "RULE" of "RULE@SUBJECT". */
std::string ruleOf(const std::string &threatId)
{
    return threatId.substr(0, threatId.find('@'));
}

/** The threat id an expert item's `namedBy` entry stands for. */
std::string namedThreatId(const QString &namedBy, const QString &subject)
{
    return (namedBy.contains(QLatin1Char('@')) ? namedBy : namedBy + QLatin1Char('@') + subject)
        .toStdString();
}

bool namesARule(const QString &entry, const Catalog &catalog)
{
    return catalog.findThreat(ruleOf(entry.toStdString())) != nullptr;
}

QString percent(double value)
{
    return QString::number(value * 100.0, 'f', 1) + QLatin1Char('%');
}

} // namespace

double Measures::precision() const
{
    const auto count = [this](FindingClass c) {
        const auto it = byClass.find(c);
        return it == byClass.end() ? 0 : it->second;
    };
    return share(count(FindingClass::Valid) + count(FindingClass::UnknownOk), classified());
}

double Measures::validShare() const
{
    const auto it = byClass.find(FindingClass::Valid);
    return share(it == byClass.end() ? 0 : it->second, classified());
}

double Measures::duplicateShare() const
{
    const auto it = byClass.find(FindingClass::Duplicate);
    return share(it == byClass.end() ? 0 : it->second, classified());
}

double Measures::recall() const
{
    return share(expertItemsNamed, expertItems);
}

double Measures::calibration() const
{
    return share(withinOneLevel, classified());
}

double Measures::severityShare(Severity severity) const
{
    const auto it = bySeverity.find(severity);
    return share(it == bySeverity.end() ? 0 : it->second, findings);
}

Measures &Measures::operator+=(const Measures &other)
{
    findings += other.findings;
    for (const auto &[c, n] : other.byClass)
        byClass[c] += n;
    for (const auto &[s, n] : other.bySeverity)
        bySeverity[s] += n;
    withinOneLevel += other.withinOneLevel;
    expertItems += other.expertItems;
    expertItemsNamed += other.expertItemsNamed;
    unclassified.insert(unclassified.end(), other.unclassified.begin(), other.unclassified.end());
    validLost.insert(validLost.end(), other.validLost.begin(), other.validLost.end());
    missedItems.insert(missedItems.end(), other.missedItems.begin(), other.missedItems.end());
    return *this;
}

QStringList corpusFolders()
{
    QStringList folders;
    const QDir root(corpusRoot);
    for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (QFile::exists(root.filePath(name + QStringLiteral("/expert.json"))))
            folders << root.filePath(name);
    }
    return folders;
}

std::optional<Deployment> loadDeployment(const QString &folder, QString &error)
{
    const QString path = folder + QStringLiteral("/expert.json");
    const auto object = readJsonObject(path, error);
    if (!object)
        return std::nullopt;
    Deployment deployment;
    deployment.folder = folder;
    deployment.name = QDir(folder).dirName();
    deployment.importer = object->value(QStringLiteral("importer")).toString();
    if (deployment.importer != QLatin1String("compose")
        && deployment.importer != QLatin1String("k8s")) {
        error = path + QStringLiteral(": importer must be \"compose\" or \"k8s\"");
        return std::nullopt;
    }
    for (const QJsonValue &input : object->value(QStringLiteral("inputs")).toArray())
        deployment.inputs << QDir(folder).filePath(input.toString());
    if (deployment.inputs.isEmpty()) {
        error = path + QStringLiteral(": no inputs");
        return std::nullopt;
    }
    const QJsonArray items = object->value(QStringLiteral("expertItems")).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const auto item = readExpertItem(items.at(i).toObject());
        if (!item) {
            error = path + QStringLiteral(": expertItems[%1] needs id, subject, risk and a "
                                          "severity low|medium|high|critical")
                               .arg(i);
            return std::nullopt;
        }
        deployment.expertItems.push_back(*item);
    }
    const QJsonObject findings = object->value(QStringLiteral("findings")).toObject();
    for (auto it = findings.begin(); it != findings.end(); ++it) {
        const auto label = readLabel(it.value().toObject());
        if (!label) {
            error = path + QStringLiteral(": findings \"%1\" needs a class VALID|UNKNOWN-OK|"
                                          "FALSE|DUPLICATE and a severity")
                               .arg(it.key());
            return std::nullopt;
        }
        deployment.labels.emplace(it.key().toStdString(), *label);
    }
    return deployment;
}

QStringList labelProblems(const Deployment &deployment, const Catalog &catalog)
{
    QStringList problems;
    std::set<QString> ids;
    for (const ExpertItem &item : deployment.expertItems) {
        if (!ids.insert(item.id).second)
            problems << QStringLiteral("expert item %1 appears twice").arg(item.id);
        for (const QString &rule : item.namedBy) {
            if (!namesARule(rule, catalog))
                problems << QStringLiteral("expert item %1 is named by %2, which the catalog "
                                           "does not have")
                                .arg(item.id, rule);
        }
    }
    for (const auto &[id, label] : deployment.labels) {
        if (!namesARule(QString::fromStdString(id), catalog))
            problems << QStringLiteral("finding %1: the catalog has no rule %2")
                            .arg(QString::fromStdString(id), QString::fromStdString(ruleOf(id)));
    }
    return problems;
}

std::optional<std::vector<Finding>> findingsOf(const Deployment &deployment,
                                               const Catalog &catalog, QString &error)
{
    std::vector<std::string> inputs;
    for (const QString &input : deployment.inputs)
        inputs.push_back(input.toStdString());
    // No environment: every deployment must import the same way on every machine.
    const Result<ImportResult> imported
        = deployment.importer == QLatin1String("compose")
              ? importCompose(inputs, {}, ComposeImportOptions{deployment.folder.toStdString()})
              : importKubernetes(inputs);
    if (!imported) {
        error = QString::fromStdString(imported.error());
        return std::nullopt;
    }
    std::vector<Finding> findings;
    for (const Threat &threat : analyzeModel(imported->model, catalog).threats)
        findings.push_back(Finding{threat.id(), ruleOf(threat.id()), threat.severity});
    return findings;
}

Measures measure(const Deployment &deployment, const std::vector<Finding> &findings)
{
    Measures measures;
    std::set<std::string> found;
    for (const Finding &finding : findings) {
        found.insert(finding.id);
        ++measures.findings;
        ++measures.bySeverity[finding.severity];
        const auto label = deployment.labels.find(finding.id);
        if (label == deployment.labels.end()) {
            measures.unclassified.push_back(deployment.name.toStdString() + ": " + finding.id);
            continue;
        }
        ++measures.byClass[label->second.findingClass];
        if (std::abs(int(finding.severity) - int(label->second.severity)) <= 1)
            ++measures.withinOneLevel;
    }
    for (const auto &[id, label] : deployment.labels) {
        const bool kept = label.findingClass == FindingClass::Valid
                          || label.findingClass == FindingClass::UnknownOk;
        if (kept && !found.count(id))
            measures.validLost.push_back(deployment.name.toStdString() + ": " + id);
    }
    for (const ExpertItem &item : deployment.expertItems) {
        ++measures.expertItems;
        const bool named = std::any_of(item.namedBy.begin(), item.namedBy.end(),
                                       [&](const QString &entry) {
                                           return found.count(namedThreatId(entry, item.subject));
                                       });
        if (named)
            ++measures.expertItemsNamed;
        else
            measures.missedItems.push_back(deployment.name + QLatin1Char(' ') + item.id
                                           + QStringLiteral(": ") + item.risk);
    }
    return measures;
}

std::optional<Floors> loadFloors(QString &error)
{
    const QString path = corpusRoot + QStringLiteral("/floors.json");
    const auto object = readJsonObject(path, error);
    if (!object)
        return std::nullopt;
    Floors floors;
    const std::pair<const char *, double *> fields[] = {
        {"precision", &floors.precision},
        {"recall", &floors.recall},
        {"calibration", &floors.calibration},
        {"lowShareAtLeast", &floors.lowShareAtLeast},
        {"criticalShareAtMost", &floors.criticalShareAtMost},
    };
    for (const auto &[key, value] : fields) {
        const QJsonValue field = object->value(QLatin1String(key));
        if (!field.isDouble() || field.toDouble() < 0 || field.toDouble() > 1) {
            error = path + QStringLiteral(": %1 must be a number from 0 to 1").arg(key);
            return std::nullopt;
        }
        *value = field.toDouble();
    }
    return floors;
}

QString markdownTable(const std::vector<std::pair<QString, Measures>> &rows)
{
    QString table = QStringLiteral(
        "| deployment | findings | valid | unknown-ok | false | duplicate | precision | "
        "expert items | named | recall | within one level | low | critical |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto &[name, m] : rows) {
        const auto count = [&m](FindingClass c) {
            const auto it = m.byClass.find(c);
            return QString::number(it == m.byClass.end() ? 0 : it->second);
        };
        table += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 | %12 "
                                "| %13 |\n")
                     .arg(name, QString::number(m.findings), count(FindingClass::Valid),
                          count(FindingClass::UnknownOk), count(FindingClass::False),
                          count(FindingClass::Duplicate), percent(m.precision()),
                          QString::number(m.expertItems), QString::number(m.expertItemsNamed))
                     .arg(percent(m.recall()), percent(m.calibration()),
                          percent(m.severityShare(Severity::Low)),
                          percent(m.severityShare(Severity::Critical)));
    }
    return table;
}

} // namespace bulkhead::precision
