#include "reimport.h"

#include "core/displaytext.h"
#include "import/importidentity.h"
#include "import/reimportplacement.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace bulkhead {

namespace {

using Kind = ReimportChange::Kind;

std::string describeItem(const char *what, const std::string &name, const std::string &identity)
{
    return std::string(what) + " \"" + name + "\" (" + identity + ")";
}

/** The name and properties of one item as the model has them and as the files give them. */
struct Values
{
    std::string &name;
    PropertyMap &properties;
};

class Merger
{
public:
    Merger(const ThreatModel &existing, const ThreatModel &imported, const ReimportOptions &options)
        : m_imported(imported)
        , m_options(options)
    {
        m_result.model = existing;
        ThreatModel &model = m_result.model;
        const ImportRecord &importedRecord = imported.importRecord();
        ImportRecord previous = existing.importRecord();
        if (previous.items.empty()) {
            // Written before import records existed: the importer's ids are the identities,
            // and nothing says which values were imported, so every difference counts as mine.
            ThreatModel legacy = existing;
            recordImportIdentities(legacy, importedRecord.importer);
            previous.items = legacy.importRecord().items;
            m_legacy = true;
        }
        m_previousItems = std::move(previous.items);
        for (const ImportedItem &item : m_previousItems) {
            m_previous.emplace(item.identity, &item);
            m_recordedIds.insert(item.id);
        }
        for (const ImportedItem &item : importedRecord.items) {
            m_importedById.emplace(item.id, &item);
            m_importedIdentities.insert(item.identity);
        }
        model.importRecord().importer = importedRecord.importer;
        model.importRecord().files = importedRecord.files;
    }

    ReimportResult run()
    {
        for (const Boundary &boundary : m_imported.boundaries())
            mergeBoundary(boundary);
        for (const Boundary &boundary : m_imported.boundaries())
            if (Boundary *added = addedBoundary(boundary.id))
                added->parent = mergedId(boundary.parent);
        for (const Element &element : m_imported.elements())
            mergeElement(element);
        for (const Flow &flow : m_imported.flows())
            mergeFlow(flow);
        handleDisappeared();
        placeAddedItems(m_result.model, m_added);
        m_result.model.importRecord().items = std::move(m_items);
        return std::move(m_result);
    }

private:
    const ImportedItem &importedItem(const std::string &id) const
    {
        static const ImportedItem none;
        const auto it = m_importedById.find(id);
        return it == m_importedById.end() ? none : *it->second;
    }

    const ImportedItem *previousItem(const std::string &identity) const
    {
        const auto it = m_previous.find(identity);
        return it == m_previous.end() ? nullptr : it->second;
    }

    std::string mergedId(const std::string &importedId) const
    {
        const auto it = m_mergedIds.find(importedId);
        return it == m_mergedIds.end() ? std::string() : it->second;
    }

    Boundary *addedBoundary(const std::string &importedId)
    {
        const std::string id = mergedId(importedId);
        return m_added.count(id) ? m_result.model.findBoundary(id) : nullptr;
    }

    /** `wanted`, or `wanted-N`: an id neither the model nor the record uses, so that a new
     *  item never takes the id of one the user deleted. */
    std::string freshId(const std::string &wanted) const
    {
        std::string id = wanted;
        for (int n = 2; m_result.model.containsId(id) || m_recordedIds.count(id); ++n)
            id = wanted + "-" + std::to_string(n);
        return id;
    }

    void note(Kind kind, const std::string &item, std::string text)
    {
        m_result.report.changes.push_back({kind, item, std::move(text)});
    }

    /** A value differs from the previous import's (or, for a legacy model, from this one's). */
    void mergeValues(const std::string &item, Values mine, const ImportedItem &previous,
                     const ImportedItem &incoming)
    {
        const std::string &baseName = m_legacy ? incoming.name : previous.name;
        if (mine.name != baseName && mine.name != incoming.name)
            note(Kind::Overridden, item,
                 "name set by hand kept (the files say \"" + incoming.name + "\")");
        else if (mine.name != incoming.name)
            mine.name = incoming.name;
        std::set<std::string> keys;
        for (const auto &[key, value] : incoming.properties)
            keys.insert(key);
        if (!m_legacy)
            for (const auto &[key, value] : previous.properties)
                keys.insert(key);
        const PropertyMap &base = m_legacy ? incoming.properties : previous.properties;
        for (const std::string &key : keys)
            mergeProperty(item, key, mine.properties, base, incoming.properties);
    }

    void mergeProperty(const std::string &item, const std::string &key, PropertyMap &mine,
                       const PropertyMap &base, const PropertyMap &incoming)
    {
        const auto have = mine.find(key);
        const auto was = base.find(key);
        const auto now = incoming.find(key);
        const bool hasMine = have != mine.end();
        const bool hasBase = was != base.end();
        const bool hasNow = now != incoming.end();
        const bool byHand = hasMine != hasBase || (hasMine && have->second != was->second);
        const bool differs = hasMine != hasNow || (hasMine && have->second != now->second);
        if (!differs)
            return;
        if (byHand) {
            // Values are not quoted: a report must never carry what the files hold.
            note(Kind::Overridden, item,
                 "property " + key
                     + (hasMine ? " set by hand kept over the imported value"
                                : " removed by hand stays removed"));
            return;
        }
        if (hasNow)
            mine[key] = now->second;
        else
            mine.erase(have);
        ++m_result.report.updatedValues;
    }

    Boundary *findMine(const Boundary &, const std::string &id)
    {
        return m_result.model.findBoundary(id);
    }
    Element *findMine(const Element &, const std::string &id)
    {
        return m_result.model.findElement(id);
    }
    Flow *findMine(const Flow &, const std::string &id) { return m_result.model.findFlow(id); }

    /** An imported item, described for the report, that the model does not have yet. */
    struct Unmatched
    {
        std::string item;
        const ImportedItem *incoming = nullptr;
    };

    /**
     * Merges an imported boundary, element or flow into the model's item of the same identity,
     * or leaves it out when the user deleted that item since (recording the deletion so that it
     * stays deleted). Returns what is left to add: nothing when it was matched or deleted.
     */
    template<typename Item>
    std::optional<Unmatched> mergeIntoMine(const Item &imported, const char *what)
    {
        const ImportedItem &incoming = importedItem(imported.id);
        std::string item = describeItem(what, imported.name, incoming.identity);
        const ImportedItem *previous = previousItem(incoming.identity);
        if (previous && !m_result.model.containsId(previous->id)) {
            note(Kind::Overridden, item, "deleted by hand; not added again");
            m_items.push_back(*previous);
            return std::nullopt;
        }
        if (Item *mine = previous ? findMine(imported, previous->id) : nullptr) {
            mergeValues(item, {mine->name, mine->properties}, *previous, incoming);
            keep(imported.id, mine->id, incoming);
            return std::nullopt;
        }
        return Unmatched{std::move(item), &incoming};
    }

    void mergeBoundary(const Boundary &boundary)
    {
        const auto unmatched = mergeIntoMine(boundary, "boundary");
        if (!unmatched)
            return;
        Boundary added = boundary;
        added.id = freshId(boundary.id);
        add(boundary.id, m_result.model.addBoundary(std::move(added)).id, *unmatched, "added");
    }

    void mergeElement(const Element &element)
    {
        const auto unmatched = mergeIntoMine(element, "element");
        if (!unmatched)
            return;
        Element added = element;
        added.id = freshId(element.id);
        added.boundary = mergedId(element.boundary);
        const Boundary *inside = m_result.model.findBoundary(added.boundary);
        add(element.id, m_result.model.addElement(std::move(added)).id, *unmatched,
            inside ? "added in \"" + inside->name + "\"" : std::string("added"));
    }

    void mergeFlow(const Flow &flow)
    {
        const auto unmatched = mergeIntoMine(flow, "flow");
        if (!unmatched)
            return;
        Flow added = flow;
        added.id = freshId(flow.id);
        added.source = mergedId(flow.source);
        added.target = mergedId(flow.target);
        // The imported bend points belong to the imported layout, not to this diagram.
        added.points.clear();
        if (added.source.empty() || added.target.empty()) {
            note(Kind::Overridden, unmatched->item, "not added: an end of it was deleted by hand");
            return;
        }
        add(flow.id, m_result.model.addFlow(std::move(added)).id, *unmatched, "added");
    }

    void keep(const std::string &importedId, const std::string &mineId,
              const ImportedItem &incoming)
    {
        m_mergedIds[importedId] = mineId;
        m_result.report.kept.push_back(incoming.identity);
        m_items.push_back({mineId, incoming.identity, incoming.name, incoming.properties});
    }

    void add(const std::string &importedId, const std::string &mergedId, const Unmatched &unmatched,
             std::string text)
    {
        const ImportedItem &incoming = *unmatched.incoming;
        m_mergedIds[importedId] = mergedId;
        m_added.insert(mergedId);
        note(Kind::Added, unmatched.item, std::move(text));
        m_items.push_back({mergedId, incoming.identity, incoming.name, incoming.properties});
    }

    /** Previous items the files no longer have: listed, or pruned with what hangs on them.
     *  Flows go first, so that each is reported on its own line before its ends go. */
    void handleDisappeared()
    {
        const ThreatModel &model = m_result.model;
        std::vector<const ImportedItem *> gone;
        auto collect = [&](auto found) {
            for (const ImportedItem &item : m_previousItems)
                if (!m_importedIdentities.count(item.identity) && found(item.id))
                    gone.push_back(&item);
        };
        collect([&](const std::string &id) { return model.findFlow(id) != nullptr; });
        collect([&](const std::string &id) { return model.findElement(id) != nullptr; });
        collect([&](const std::string &id) { return model.findBoundary(id) != nullptr; });
        for (const ImportedItem *item : gone) {
            const std::string described = describeGone(*item);
            if (m_legacy) {
                // Without a record nothing tells an item drawn by hand from one imported.
                note(Kind::Disappeared, described,
                     "not in the deployment files; kept, as the model has no import record to "
                     "tell whether it was drawn by hand");
                continue;
            }
            if (!m_options.prune) {
                note(Kind::Disappeared, described,
                     "gone from the deployment files; kept (prune to remove)");
                m_items.push_back(*item);
                continue;
            }
            note(Kind::Removed, described, "gone from the deployment files; removed");
            prune(item->id);
        }
    }

    std::string describeGone(const ImportedItem &item) const
    {
        const ThreatModel &model = m_result.model;
        if (const Element *element = model.findElement(item.id))
            return describeItem("element", element->name, item.identity);
        if (const Boundary *boundary = model.findBoundary(item.id))
            return describeItem("boundary", boundary->name, item.identity);
        const Flow *flow = model.findFlow(item.id);
        return describeItem("flow", flow ? flow->name : item.name, item.identity);
    }

    void prune(const std::string &id)
    {
        ThreatModel &model = m_result.model;
        if (model.findElement(id)) {
            std::vector<const Flow *> attached;
            for (const Flow &flow : model.flows())
                if (flow.source == id || flow.target == id)
                    attached.push_back(&flow);
            std::vector<std::string> attachedIds;
            for (const Flow *flow : attached) {
                note(Kind::Removed, describeItem("flow", flow->name, "drawn by hand"),
                     "removed with an end that is gone");
                attachedIds.push_back(flow->id);
            }
            for (const std::string &flowId : attachedIds)
                model.removeFlow(flowId);
            model.removeElement(id);
        } else if (const Boundary *boundary = model.findBoundary(id)) {
            const std::string parent = boundary->parent;
            // Whatever was inside moves up one level, so nothing the user kept is lost.
            for (const Element &element : model.elements())
                if (element.boundary == id)
                    model.findElement(element.id)->boundary = parent;
            for (const Boundary &inner : model.boundaries())
                if (inner.parent == id)
                    model.findBoundary(inner.id)->parent = parent;
            model.removeBoundary(id);
        } else {
            model.removeFlow(id);
        }
    }

    const ThreatModel &m_imported;
    ReimportOptions m_options;
    ReimportResult m_result;
    bool m_legacy = false;
    std::vector<ImportedItem> m_previousItems;
    std::map<std::string, const ImportedItem *> m_previous;
    std::map<std::string, const ImportedItem *> m_importedById;
    std::set<std::string> m_importedIdentities;
    std::set<std::string> m_recordedIds;
    /** Imported id to the id the item has in the merged model. */
    std::map<std::string, std::string> m_mergedIds;
    std::set<std::string> m_added;
    std::vector<ImportedItem> m_items;
};

char marker(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return '+';
    case Kind::Disappeared:
    case Kind::Removed:
        return '-';
    case Kind::Overridden:
        return '~';
    }
    return '?';
}

} // namespace

ReimportResult reimportInto(const ThreatModel &existing, const ThreatModel &imported,
                            const ReimportOptions &options)
{
    return Merger(existing, imported, options).run();
}

std::string formatReimportReport(const ReimportReport &report)
{
    auto count = [&](Kind kind) {
        return std::count_if(report.changes.begin(), report.changes.end(),
                             [&](const ReimportChange &change) { return change.kind == kind; });
    };
    std::ostringstream out;
    out << "Re-import: " << report.kept.size() << " kept (" << report.updatedValues
        << " imported values updated), " << count(Kind::Added) << " added, "
        << count(Kind::Overridden) << " overridden by hand, " << count(Kind::Disappeared)
        << " disappeared, " << count(Kind::Removed) << " removed\n";
    for (const ReimportChange &change : report.changes)
        out << marker(change.kind) << " " << displayText(change.item) << ": "
            << displayText(change.text) << "\n";
    return out.str();
}

void recordImportedFiles(ImportRecord &record, const std::vector<std::string> &files,
                         const std::filesystem::path &modelFile)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path folder = fs::absolute(modelFile, error).parent_path();
    record.files.clear();
    for (const std::string &file : files) {
        const fs::path absolute = fs::absolute(file, error).lexically_normal();
        const fs::path relative = modelFile.empty() ? fs::path()
                                                    : absolute.lexically_relative(folder);
        record.files.push_back(relative.empty() ? absolute.generic_string()
                                                : relative.generic_string());
    }
}

std::vector<std::string> importedFilePaths(const ImportRecord &record,
                                           const std::filesystem::path &modelFile)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path folder = fs::absolute(modelFile, error).parent_path();
    std::vector<std::string> paths;
    for (const std::string &file : record.files) {
        const fs::path path(file);
        paths.push_back(path.is_absolute() ? path.string()
                                           : (folder / path).lexically_normal().string());
    }
    return paths;
}

} // namespace bulkhead
