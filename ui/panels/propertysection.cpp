#include "propertysection.h"

#include <QFormLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace bulkhead {

PropertySection::PropertySection(const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
{
    setObjectName(QStringLiteral("section:") + title);
    m_header = new QToolButton(this);
    m_header->setObjectName(QStringLiteral("section"));
    m_header->setText(title);
    m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_header->setAutoRaise(true);
    m_header->setCheckable(true);
    m_header->setChecked(true);
    m_header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QFont font = m_header->font();
    font.setBold(true);
    m_header->setFont(font);
    connect(m_header, &QToolButton::clicked, this, [this](bool open) {
        setCollapsed(!open);
        Q_EMIT collapsedChanged(m_collapsed);
    });

    m_body = new QWidget(this);
    m_form = new QFormLayout(m_body);
    m_form->setContentsMargins(12, 0, 0, 6);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_body);
    updateBody();
}

void PropertySection::addRow(QLabel *label, QWidget *field, const QString &key)
{
    label->setParent(m_body);
    field->setParent(m_body);
    m_form->addRow(label, field);
    m_rows.push_back({label, field, key});
}

void PropertySection::addNote(QWidget *note)
{
    note->setParent(m_body);
    m_form->addRow(note);
    m_notes.push_back(note);
}

void PropertySection::setCollapsed(bool collapsed)
{
    m_collapsed = collapsed;
    updateBody();
}

int PropertySection::setFilter(const QString &text)
{
    m_filter = text.trimmed();
    int shown = 0;
    for (const Row &row : m_rows) {
        const bool match = m_filter.isEmpty()
                           || row.label->text().contains(m_filter, Qt::CaseInsensitive)
                           || row.key.contains(m_filter, Qt::CaseInsensitive);
        m_form->setRowVisible(row.label, match);
        shown += match ? 1 : 0;
    }
    for (QWidget *note : m_notes)
        m_form->setRowVisible(note, m_filter.isEmpty());
    updateBody();
    return shown;
}

void PropertySection::updateBody()
{
    // A filter with a match here opens the section; clearing it restores the user's choice.
    const bool open = !m_collapsed || !m_filter.isEmpty();
    m_body->setVisible(open);
    m_header->setChecked(open);
    m_header->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
}

} // namespace bulkhead
