#pragma once

#include "core/propertyvalue.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class ThreatModel;

/** One named field of an item, the model's metadata or a register entry, as text. */
struct FieldChange
{
    std::string field;
    std::string before;
    std::string after;
    friend bool operator==(const FieldChange &, const FieldChange &) = default;
};

/** One property of an item; an empty side means the property was not set there. */
struct PropertyChange
{
    std::string name;
    std::optional<PropertyValue> before;
    std::optional<PropertyValue> after;
    friend bool operator==(const PropertyChange &, const PropertyChange &) = default;
};

/** The kinds of item matched by id between two models; the order is the report's order. */
enum class DiffItemType : unsigned char { Boundary, Element, Flow, ManualThreat };

/** "boundary", "element", "flow", "manualThreat". */
std::string_view diffItemTypeKey(DiffItemType type);

enum class DiffChangeKind : unsigned char { Added, Removed, Changed };

/** "added", "removed", "changed". */
std::string_view diffChangeKindKey(DiffChangeKind kind);

/**
 * One item (boundary, element, flow or manual threat) present on one side only, or on both with
 * different content. Canvas positions are not content: see ModelDiff::layoutOnlyChanges.
 */
struct ItemChange
{
    DiffItemType type = DiffItemType::Element;
    DiffChangeKind kind = DiffChangeKind::Changed;
    std::string id;
    /** The name (a manual threat's title) on the side that exists now, else the old one. */
    std::string name;
    /**
     * Added or removed: every field of the side that exists (the other side empty). Changed:
     * the fields that differ. Fields are name/title, kind, boundary (elements), parent
     * (boundaries), source, target, bidirectional, initiator (flows), and a manual threat's
     * description, stride, target, likelihood and impact.
     */
    std::vector<FieldChange> fields;
    /** Changed items only: the properties that differ, by name. */
    std::vector<PropertyChange> properties;

    const FieldChange *findField(std::string_view field) const;
    /** Same id, another name (or manual threat title). */
    bool renamed() const;
    /** Another enclosing boundary: an element's boundary or a boundary's parent changed. */
    bool moved() const;
    /** A flow whose source, target, direction or initiator changed. */
    bool reconnected() const;
};

/** A register decision added, removed or changed, keyed by its threat id. */
struct RegisterChange
{
    DiffChangeKind kind = DiffChangeKind::Changed;
    std::string threatId;
    /** status, justification, owner, severityOverride, notes: as for ItemChange::fields. */
    std::vector<FieldChange> fields;
};

/** What changed from one model to another, items matched by their stable ids. */
struct ModelDiff
{
    /** title, description, owner, reviewers, version of the model itself. */
    std::vector<FieldChange> metadata;
    /** Boundaries, elements, flows, manual threats in that order; each sorted by id. */
    std::vector<ItemChange> items;
    /** Sorted by threat id. */
    std::vector<RegisterChange> registerChanges;
    /**
     * Items on both sides that differ only in where they are drawn (geometry, bend points).
     * Layout is not a change in the model: counted, never listed, and not a difference.
     */
    std::size_t layoutOnlyChanges = 0;

    /** How many items (of every type) were added, removed or changed, for a summary line. */
    std::size_t countItems(DiffChangeKind kind) const;

    /** No difference in content (layout-only changes do not count). */
    bool empty() const { return metadata.empty() && items.empty() && registerChanges.empty(); }
};

/**
 * Compares two models by id. An id held twice on one side (which validation reports) is
 * matched by its first holder, as ThreatModel's lookups do. Deterministic: the result depends
 * only on the two models' content, not on the order of their lists.
 */
ModelDiff diffModels(const ThreatModel &before, const ThreatModel &after);

} // namespace bulkhead
