#pragma once

#include "core/propertyvalue.h"

#include <QString>
#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace bulkhead {

class Document;

/**
 * Gives one element another kind and sets some of its properties in the same step (a container
 * becomes a database deployed as a container, with its product). Every other stored property
 * stays. Undo restores the old kind and each property's old value.
 */
class ChangeKindCommand : public QUndoCommand
{
public:
    ChangeKindCommand(Document *document, const QString &id, const std::string &kind,
                      const PropertyMap &properties, const QString &text,
                      QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    QString m_id;
    std::string m_oldKind;
    std::string m_newKind;
    std::vector<std::pair<std::string, std::optional<PropertyValue>>> m_oldValues;
    PropertyMap m_newValues;
};

} // namespace bulkhead
