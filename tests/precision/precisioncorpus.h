#pragma once

#include "core/registerentry.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bulkhead {
class Catalog;
}

namespace bulkhead::precision {

/** How a reviewer classed one finding (see shared/reference/precision-review.md). */
enum class FindingClass { Valid, UnknownOk, False, Duplicate };

struct FindingLabel
{
    FindingClass findingClass = FindingClass::Valid;
    /** The reviewer's severity: what the finding deserves, at most, when false or a duplicate. */
    Severity severity = Severity::Low;
    QString note;
};

/** A risk the reviewer raised from the files alone, before looking at any finding. */
struct ExpertItem
{
    QString id;
    QString subject;
    Severity severity = Severity::Low;
    QString risk;
    /** Rules whose finding on `subject` names this risk ("RULE"), or "RULE@OTHER-SUBJECT". */
    QStringList namedBy;
};

/** One deployment of the corpus: its files and the reviewer's labels (expert.json). */
struct Deployment
{
    QString name;
    QString folder;
    QString importer; ///< "compose" or "k8s"
    QStringList inputs; ///< absolute paths, in the order the import takes them
    std::vector<ExpertItem> expertItems;
    std::map<std::string, FindingLabel> labels; ///< by threat id "RULE@SUBJECT"
};

/** One finding Bulkhead made on a deployment. */
struct Finding
{
    std::string id;
    std::string rule;
    Severity severity = Severity::Low;
};

/** The review's measures over one deployment or, added up, the corpus. */
struct Measures
{
    int findings = 0;
    std::map<FindingClass, int> byClass;
    std::map<Severity, int> bySeverity;
    int withinOneLevel = 0; ///< classified findings whose severity is at most one level off
    int expertItems = 0;
    int expertItemsNamed = 0;
    std::vector<std::string> unclassified; ///< findings without a label
    std::vector<std::string> validLost; ///< labelled VALID or UNKNOWN-OK, no longer found
    std::vector<QString> missedItems; ///< "DEPLOYMENT E3: risk"

    int classified() const { return findings - int(unclassified.size()); }
    double precision() const;
    double validShare() const;
    double duplicateShare() const;
    double recall() const;
    double calibration() const;
    double severityShare(Severity severity) const;

    Measures &operator+=(const Measures &other);
};

/** The corpus folders (every folder of tests/precision holding an expert.json), sorted. */
QStringList corpusFolders();

/** Reads FOLDER/expert.json; on a problem, one line naming the file and the entry. */
std::optional<Deployment> loadDeployment(const QString &folder, QString &error);

/** Problems with the labels themselves: rules the catalog does not have, repeated ids. */
QStringList labelProblems(const Deployment &deployment, const Catalog &catalog);

/** Imports the deployment as `bulkhead-cli import` does and analyses it with the catalog. */
std::optional<std::vector<Finding>> findingsOf(const Deployment &deployment,
                                               const Catalog &catalog, QString &error);

Measures measure(const Deployment &deployment, const std::vector<Finding> &findings);

/** The lowest measures the corpus may fall to (tests/precision/floors.json). */
struct Floors
{
    double precision = 0;
    double recall = 0;
    double calibration = 0;
    double lowShareAtLeast = 0;
    double criticalShareAtMost = 1;
};
std::optional<Floors> loadFloors(QString &error);

/** A Markdown table of the measures, one row a deployment and a total, for docs/precision.md. */
QString markdownTable(const std::vector<std::pair<QString, Measures>> &rows);

} // namespace bulkhead::precision
