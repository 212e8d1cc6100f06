#include "modeldiff.h"

#include "core/threatmodel.h"

#include <algorithm>
#include <map>
#include <utility>

namespace bulkhead {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string yesNo(bool value)
{
    return value ? "yes" : "no";
}

Fields fieldsOf(const Boundary &boundary)
{
    return {{"name", boundary.name}, {"kind", boundary.kind}, {"parent", boundary.parent}};
}

Fields fieldsOf(const Element &element)
{
    return {{"name", element.name}, {"kind", element.kind}, {"boundary", element.boundary}};
}

Fields fieldsOf(const Flow &flow)
{
    return {{"name", flow.name},
            {"source", flow.source},
            {"target", flow.target},
            {"bidirectional", yesNo(flow.bidirectional)},
            {"initiator", std::string(flowInitiatorKey(flow.initiator))}};
}

Fields fieldsOf(const ManualThreat &threat)
{
    return {{"title", threat.title},
            {"description", threat.description},
            {"stride", threat.stride},
            {"target", threat.target},
            {"likelihood", std::to_string(threat.likelihood)},
            {"impact", std::to_string(threat.impact)}};
}

Fields fieldsOf(const RegisterEntry &entry)
{
    return {{"status", std::string(threatStatusKey(entry.status))},
            {"justification", entry.justification},
            {"owner", entry.owner},
            {"severityOverride",
             entry.severityOverride ? std::string(severityKey(*entry.severityOverride)) : ""},
            {"notes", entry.notes}};
}

const PropertyMap *propertiesOf(const Boundary &boundary)
{
    return &boundary.properties;
}
const PropertyMap *propertiesOf(const Element &element)
{
    return &element.properties;
}
const PropertyMap *propertiesOf(const Flow &flow)
{
    return &flow.properties;
}
const PropertyMap *propertiesOf(const ManualThreat &)
{
    return nullptr;
}

bool sameLayout(const Boundary &a, const Boundary &b)
{
    return a.geometry == b.geometry;
}
bool sameLayout(const Element &a, const Element &b)
{
    return a.geometry == b.geometry;
}
bool sameLayout(const Flow &a, const Flow &b)
{
    return a.points == b.points;
}
bool sameLayout(const ManualThreat &, const ManualThreat &)
{
    return true;
}

std::string nameOf(const ManualThreat &threat)
{
    return threat.title;
}
template<typename T>
std::string nameOf(const T &item)
{
    return item.name;
}

/** The side's fields, each as an added (or removed) value. */
std::vector<FieldChange> wholeFields(const Fields &fields, bool added)
{
    std::vector<FieldChange> changes;
    changes.reserve(fields.size());
    for (const auto &[field, value] : fields)
        changes.push_back(added ? FieldChange{field, "", value} : FieldChange{field, value, ""});
    return changes;
}

std::vector<FieldChange> changedFields(const Fields &before, const Fields &after)
{
    std::vector<FieldChange> changes;
    for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
        if (before[i].second != after[i].second)
            changes.push_back({before[i].first, before[i].second, after[i].second});
    }
    return changes;
}

std::vector<PropertyChange> changedProperties(const PropertyMap &before, const PropertyMap &after)
{
    std::vector<PropertyChange> changes;
    auto old = before.begin();
    auto now = after.begin();
    while (old != before.end() || now != after.end()) {
        if (now == after.end() || (old != before.end() && old->first < now->first)) {
            changes.push_back({old->first, old->second, std::nullopt});
            ++old;
        } else if (old == before.end() || now->first < old->first) {
            changes.push_back({now->first, std::nullopt, now->second});
            ++now;
        } else {
            if (old->second != now->second)
                changes.push_back({old->first, old->second, now->second});
            ++old;
            ++now;
        }
    }
    return changes;
}

/** The first holder of each id, sorted by id. */
template<typename T, typename IdOf>
std::map<std::string_view, const T *> byId(const std::vector<T> &items, IdOf idOf)
{
    std::map<std::string_view, const T *> index;
    for (const T &item : items)
        index.emplace(idOf(item), &item);
    return index;
}

/** Walks two id-sorted maps in step: onPair(id, before or null, after or null). */
template<typename T, typename OnPair>
void walkById(const std::map<std::string_view, const T *> &before,
              const std::map<std::string_view, const T *> &after, OnPair onPair)
{
    auto old = before.begin();
    auto now = after.begin();
    while (old != before.end() || now != after.end()) {
        if (now == after.end() || (old != before.end() && old->first < now->first)) {
            onPair(old->first, old->second, nullptr);
            ++old;
        } else if (old == before.end() || now->first < old->first) {
            onPair(now->first, nullptr, now->second);
            ++now;
        } else {
            onPair(old->first, old->second, now->second);
            ++old;
            ++now;
        }
    }
}

template<typename T>
void diffItems(DiffItemType type, const std::vector<T> &before, const std::vector<T> &after,
               ModelDiff &diff)
{
    const auto idOf = [](const T &item) { return std::string_view(item.id); };
    walkById<T>(
        byId(before, idOf), byId(after, idOf),
        [&](std::string_view id, const T *old, const T *now) {
            ItemChange change{
                type, DiffChangeKind::Changed, std::string(id), nameOf(now ? *now : *old), {}, {}};
            if (!old || !now) {
                change.kind = now ? DiffChangeKind::Added : DiffChangeKind::Removed;
                change.fields = wholeFields(fieldsOf(now ? *now : *old), now != nullptr);
                diff.items.push_back(std::move(change));
                return;
            }
            change.fields = changedFields(fieldsOf(*old), fieldsOf(*now));
            if (const PropertyMap *oldProperties = propertiesOf(*old))
                change.properties = changedProperties(*oldProperties, *propertiesOf(*now));
            if (!change.fields.empty() || !change.properties.empty())
                diff.items.push_back(std::move(change));
            else if (!sameLayout(*old, *now))
                ++diff.layoutOnlyChanges;
        });
}

void diffRegister(const ThreatModel &before, const ThreatModel &after, ModelDiff &diff)
{
    const auto idOf = [](const RegisterEntry &entry) { return std::string_view(entry.threat); };
    walkById<RegisterEntry>(
        byId(before.registerEntries(), idOf), byId(after.registerEntries(), idOf),
        [&](std::string_view id, const RegisterEntry *old, const RegisterEntry *now) {
            RegisterChange change{DiffChangeKind::Changed, std::string(id), {}};
            if (!old || !now) {
                change.kind = now ? DiffChangeKind::Added : DiffChangeKind::Removed;
                change.fields = wholeFields(fieldsOf(now ? *now : *old), now != nullptr);
            } else {
                change.fields = changedFields(fieldsOf(*old), fieldsOf(*now));
            }
            if (!change.fields.empty())
                diff.registerChanges.push_back(std::move(change));
        });
}

std::string joined(const std::vector<std::string> &values)
{
    std::string text;
    for (const std::string &value : values)
        text += (text.empty() ? "" : ", ") + value;
    return text;
}

Fields fieldsOf(const ModelMetadata &metadata)
{
    return {{"title", metadata.title},
            {"description", metadata.description},
            {"owner", metadata.owner},
            {"reviewers", joined(metadata.reviewers)},
            {"version", metadata.version}};
}

} // namespace

std::size_t ModelDiff::countItems(DiffChangeKind kind) const
{
    return std::size_t(std::count_if(items.begin(), items.end(),
                                     [kind](const ItemChange &item) { return item.kind == kind; }));
}

std::string_view diffItemTypeKey(DiffItemType type)
{
    switch (type) {
    case DiffItemType::Boundary:
        return "boundary";
    case DiffItemType::Element:
        return "element";
    case DiffItemType::Flow:
        return "flow";
    case DiffItemType::ManualThreat:
        return "manualThreat";
    }
    return "element";
}

std::string_view diffChangeKindKey(DiffChangeKind kind)
{
    switch (kind) {
    case DiffChangeKind::Added:
        return "added";
    case DiffChangeKind::Removed:
        return "removed";
    case DiffChangeKind::Changed:
        return "changed";
    }
    return "changed";
}

const FieldChange *ItemChange::findField(std::string_view field) const
{
    const auto found = std::find_if(fields.begin(), fields.end(),
                                    [&](const FieldChange &f) { return f.field == field; });
    return found == fields.end() ? nullptr : &*found;
}

bool ItemChange::renamed() const
{
    return kind == DiffChangeKind::Changed
           && findField(type == DiffItemType::ManualThreat ? "title" : "name") != nullptr;
}

bool ItemChange::moved() const
{
    return kind == DiffChangeKind::Changed
           && findField(type == DiffItemType::Boundary ? "parent" : "boundary") != nullptr;
}

bool ItemChange::reconnected() const
{
    return kind == DiffChangeKind::Changed && type == DiffItemType::Flow
           && (findField("source") || findField("target") || findField("bidirectional")
               || findField("initiator"));
}

ModelDiff diffModels(const ThreatModel &before, const ThreatModel &after)
{
    ModelDiff diff;
    diff.metadata = changedFields(fieldsOf(before.metadata()), fieldsOf(after.metadata()));
    diffItems(DiffItemType::Boundary, before.boundaries(), after.boundaries(), diff);
    diffItems(DiffItemType::Element, before.elements(), after.elements(), diff);
    diffItems(DiffItemType::Flow, before.flows(), after.flows(), diff);
    diffItems(DiffItemType::ManualThreat, before.manualThreats(), after.manualThreats(), diff);
    diffRegister(before, after, diff);
    return diff;
}

} // namespace bulkhead
