#pragma once

#include "core/propertyvalue.h"

#include <QStringList>
#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace bulkhead {

class Document;

/**
 * Sets one property on one or more items (a multi-selection edits them together), or resets
 * it to the kind's default when the value is empty. Undo restores each item's own old value.
 */
class ChangePropertyCommand : public QUndoCommand
{
public:
    ChangePropertyCommand(Document *document, const QStringList &ids, std::string property,
                          std::optional<PropertyValue> value, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    QStringList m_ids;
    std::string m_property;
    std::optional<PropertyValue> m_value;
    std::vector<std::optional<PropertyValue>> m_oldValues;
};

} // namespace bulkhead
