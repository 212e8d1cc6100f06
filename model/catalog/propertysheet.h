#pragma once

#include "core/itemref.h"
#include "propertyspec.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class Catalog;
class ThreatModel;
struct Element;
struct ElementKind;

/** One selected item as the sheet reads it; the pointers are into the model and the catalog. */
struct SheetItem
{
    std::string id;
    /** Element, Boundary or Flow. */
    ItemKind type = ItemKind::Element;
    /** Empty for a flow. */
    std::string kindId;
    /** Null for a flow, and for a kind the catalog does not know. */
    const ElementKind *kind = nullptr;
    /** The kind an element is deployed as besides its own (a database's container), or null. */
    const ElementKind *deployedAs = nullptr;
    std::string name;
    const PropertyMap *properties = nullptr;
    /** The element itself, for the defaults its place implies; null for a boundary or flow. */
    const Element *element = nullptr;
};

/** Where the form lists a row. */
enum class SheetSection {
    /** The properties common to every element (or boundary, or flow). */
    General,
    /** The kind's own properties without a dot in their name. */
    Kind,
    /** The kind's own properties named "prefix.name", under a section named after the prefix. */
    Prefix,
    /** Stored properties the catalog does not define, kept as they are. */
    NotInCatalog,
};

/** One property of the selection, with its schema as all the selected items share it. */
struct SheetRow
{
    std::string name;
    /** Enum choices and the int range intersected over the selection; the first item's text. */
    PropertySpec spec;
    SheetSection section = SheetSection::General;
    /** The section's title for SheetSection::Prefix: the prefix as a readable name. */
    std::string prefixTitle;
    /** The row's label: the catalog's, else the name (the part after the prefix) made readable. */
    std::string label;
    /** The property's label in full (the list editor's title): the catalog's, else the name's. */
    std::string fullLabel;
    /**
     * For Kind and Prefix rows, the kind whose schema defines the property (the first item's):
     * its own kind, or the kind it is deployed as, so that the editor can group them apart.
     */
    const ElementKind *fromKind = nullptr;
    /** fromKind is the kind the items are deployed as, not their own. */
    bool fromDeployedKind = false;

    bool inCatalog() const { return section != SheetSection::NotInCatalog; }
};

/** What a row shows for the selection right now. */
struct SheetRowState
{
    /** The value every item has (stored, else its default); nullopt when they differ. */
    std::optional<PropertyValue> value;
    /** The items' values differ. */
    bool mixed = false;
    /** Some item stores a value, so a reset has something to do. */
    bool anyExplicit = false;
    /** The default of the first item's kind; nullopt outside the catalog. */
    std::optional<PropertyValue> defaultValue;
    /** The kinds of the selected items have different defaults. */
    bool defaultsDiffer = false;
    /** Where the first item's default comes from. */
    std::string defaultNote;
    /** Why the shared value does not fit the schema; empty when it fits (or is mixed). */
    std::string problem;

    /** No item stores a value: the catalog's default applies. */
    bool showsDefault(const SheetRow &row) const { return row.inCatalog() && !anyExplicit; }
};

/**
 * The properties of a selection of elements, boundaries and flows as the property editor shows
 * them: the schemas of the selected items merged (only the properties all of them have, with
 * the same type), in catalog order, common ones first, then the kind's own, then those of the
 * kind an element is deployed as (a containerised database's container properties), then
 * whatever the items store beyond the catalog. For each row, the value that applies (stored or default), whether it is mixed,
 * and the default.
 *
 * A sheet reads the model and the catalog as they are when it is built and points into them:
 * build a new one after the model changes.
 */
class PropertySheet
{
public:
    /** Ids that name nothing in the model are left out. */
    PropertySheet(const Catalog &catalog, const ThreatModel &model,
                  const std::vector<std::string> &ids);

    const std::vector<SheetItem> &items() const { return m_items; }
    const std::vector<SheetRow> &rows() const { return m_rows; }
    const SheetRow *findRow(std::string_view name) const;
    /** Some selected element or boundary has a kind the catalog does not know. */
    bool hasUnknownKind() const { return m_unknownKind; }

    /**
     * Changes when the rows would: the selected kinds, one item or several, and the stored
     * properties outside the catalog. Values do not count.
     */
    std::string shapeKey() const;

    SheetRowState state(const SheetRow &row) const;
    /** The item's value of the property: stored, else the catalog's default, else nullopt. */
    std::optional<PropertyValue> effectiveValue(std::size_t item, std::string_view name) const;
    /** Every selected item's default of the property is an empty text or list. */
    bool defaultIsEmpty(std::string_view name) const;
    /** Setting `value` (nullopt: resetting) would change some item. */
    bool wouldChange(std::string_view name, const std::optional<PropertyValue> &value) const;

private:
    const PropertySpec *specFor(const SheetItem &item, std::string_view name) const;
    /** The default that applies to the item: its boundaries' (core/contextdefaults.h), else
     *  the spec's. Returns the note that says where it comes from through `note`. */
    PropertyValue defaultFor(const SheetItem &item, std::string_view name, const PropertySpec &spec,
                             std::string *note = nullptr) const;
    std::vector<std::string> schemaNames(const SheetItem &item) const;
    std::optional<SheetRow> mergedRow(const std::string &name) const;
    void addUnknownRows();

    const Catalog &m_catalog;
    const ThreatModel &m_model;
    std::vector<SheetItem> m_items;
    std::vector<SheetRow> m_rows;
    bool m_unknownKind = false;
};

/** An empty string or list. */
bool isEmptyValue(const PropertyValue &value);

} // namespace bulkhead
