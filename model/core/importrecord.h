#pragma once

#include "propertyvalue.h"

#include <string>
#include <vector>

namespace bulkhead {

/**
 * One element, boundary or flow as the last import made it. `identity` is derived from the
 * deployment files ("compose:web", "k8s:ns-shop"; flows by their ends and port) and survives a
 * rename in the editor. `name` and `properties` are the values that import produced: a value in
 * the model that differs from them was set by hand, and a re-import keeps it.
 */
struct ImportedItem
{
    /** The model id of the item; an id no longer in the model means the user deleted it. */
    std::string id;
    std::string identity;
    std::string name;
    PropertyMap properties;
    friend bool operator==(const ImportedItem &, const ImportedItem &) = default;
};

/** Where an imported model came from, so that it can be updated from the same files. */
struct ImportRecord
{
    /** "compose" or "k8s". */
    std::string importer;
    /** The deployment files, relative to the model file's folder where they can be. */
    std::vector<std::string> files;
    std::vector<ImportedItem> items;
    bool empty() const { return importer.empty() && files.empty() && items.empty(); }
    friend bool operator==(const ImportRecord &, const ImportRecord &) = default;
};

} // namespace bulkhead
