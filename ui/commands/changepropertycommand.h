#pragma once

#include "changevaluecommand.h"
#include "core/propertyvalue.h"

#include <optional>
#include <string>

namespace bulkhead {

/**
 * Sets one property on one or more items (a multi-selection edits them together), or resets
 * it to the kind's default when the value is empty. Undo restores each item's own old value.
 */
class ChangePropertyCommand : public ChangeValueCommand<std::optional<PropertyValue>>
{
public:
    ChangePropertyCommand(Document *document, const QStringList &ids, const std::string &property,
                          const std::optional<PropertyValue> &value,
                          QUndoCommand *parent = nullptr);
};

} // namespace bulkhead
