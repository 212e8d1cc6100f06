#include "propertygrouping.h"

#include "catalog/elementkind.h"
#include "propertyeditor.h"
#include "propertytext.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace bulkhead {

namespace {

// Sections of the kind the items are deployed as follow the kind's own; notes close the form.
constexpr int deployedRankOffset = 10;
constexpr int untopicalRank = 8;
constexpr int notesRank = 100;

int topicRank(PropertyTopic topic)
{
    return topic == PropertyTopic::Unspecified ? untopicalRank : int(topic);
}

QString untopicalTitle(const SheetRow &row, const QString &ownTitle)
{
    if (row.section == SheetSection::General)
        return PropertyEditor::tr("General");
    if (row.section == SheetSection::Prefix)
        return QString::fromStdString(row.prefixTitle);
    if (row.fromDeployedKind && row.fromKind)
        return QString::fromStdString(row.fromKind->displayName);
    return ownTitle;
}

} // namespace

QString propertyTopicTitle(PropertyTopic topic)
{
    switch (topic) {
    case PropertyTopic::Unspecified:
        return {};
    case PropertyTopic::Identity:
        return PropertyEditor::tr("Identity");
    case PropertyTopic::Image:
        return PropertyEditor::tr("Image");
    case PropertyTopic::RuntimeSecurity:
        return PropertyEditor::tr("Runtime security");
    case PropertyTopic::Network:
        return PropertyEditor::tr("Network");
    case PropertyTopic::Data:
        return PropertyEditor::tr("Data");
    case PropertyTopic::Notes:
        return PropertyEditor::tr("Notes");
    }
    return {};
}

std::vector<PropertySectionPlan> planPropertySections(const PropertySheet &sheet)
{
    const QString ownTitle = ownSectionTitle(sheet);
    // Sections by rank, then in order of first appearance within a rank.
    std::vector<std::pair<int, PropertySectionPlan>> sections;
    for (const SheetRow &row : sheet.rows()) {
        if (!row.inCatalog())
            continue;
        const PropertyTopic topic = row.spec.topic;
        const bool deployed = row.fromDeployedKind && row.fromKind;
        int rank = topicRank(topic);
        QString title = topic == PropertyTopic::Unspecified ? untopicalTitle(row, ownTitle)
                                                            : propertyTopicTitle(topic);
        if (topic == PropertyTopic::Notes) {
            rank = notesRank;
        } else if (deployed) {
            rank += deployedRankOffset;
            if (topic != PropertyTopic::Unspecified)
                title = PropertyEditor::tr("%1 \u00b7 %2")
                            .arg(QString::fromStdString(row.fromKind->displayName), title);
        }
        auto it = std::find_if(sections.begin(), sections.end(),
                               [&title](const auto &s) { return s.second.title == title; });
        if (it == sections.end()) {
            sections.push_back({rank, PropertySectionPlan{title, {}}});
            it = std::prev(sections.end());
        }
        it->second.rows.push_back(&row);
    }
    std::stable_sort(sections.begin(), sections.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<PropertySectionPlan> plan;
    plan.reserve(sections.size());
    for (auto &[rank, section] : sections)
        plan.push_back(std::move(section));
    return plan;
}

} // namespace bulkhead
