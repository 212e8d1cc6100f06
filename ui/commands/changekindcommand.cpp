#include "changekindcommand.h"

#include "core/itemref.h"
#include "document.h"

namespace bulkhead {

ChangeKindCommand::ChangeKindCommand(Document *document, const QString &id, const std::string &kind,
                                     const PropertyMap &properties, const QString &text,
                                     QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_id(id)
    , m_newKind(kind)
    , m_newValues(properties)
{
    if (const Element *element = document->model().findElement(id.toStdString()))
        m_oldKind = element->kind;
    for (const auto &[name, value] : properties)
        m_oldValues.emplace_back(name, document->property(id, name));
}

void ChangeKindCommand::redo()
{
    m_document->setKind(m_id, m_newKind);
    for (const auto &[name, value] : m_newValues)
        m_document->setProperty(m_id, name, value);
}

void ChangeKindCommand::undo()
{
    for (const auto &[name, value] : m_oldValues)
        m_document->setProperty(m_id, name, value);
    m_document->setKind(m_id, m_oldKind);
}

} // namespace bulkhead
