#include "emptycanvashint.h"

#include "document.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QPushButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QPushButton(action->text().remove(QLatin1Char('&')), parent);
    button->setToolTip(action->toolTip());
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    return button;
}

} // namespace

EmptyCanvasHint::EmptyCanvasHint(QAbstractScrollArea *view, const Document *document,
                                 QAction *openExample, const QList<QAction *> &imports)
    : QFrame(view)
    , m_view(view)
    , m_viewport(view->viewport())
    , m_document(document)
{
    setObjectName(QStringLiteral("emptyCanvasHint"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(8);
    auto *title = new QLabel(tr("<b>Start a threat model</b>"), this);
    layout->addWidget(title);
    layout->addWidget(buttonFor(openExample, this));
    layout->addWidget(new QLabel(tr("Import a deployment:"), this));
    for (QAction *action : imports)
        layout->addWidget(buttonFor(action, this));
    auto *stencil = new QLabel(tr("…or drag a kind from the Stencil on the left onto the canvas "
                                  "and connect elements with Draw Flow (F)."),
                               this);
    stencil->setObjectName(QStringLiteral("stencilHint"));
    stencil->setWordWrap(true);
    layout->addWidget(stencil);
    setFixedWidth(340);

    // The viewport, not the view: docks and scroll bars resize it without resizing the view.
    view->viewport()->installEventFilter(this);
    connect(document, &Document::changed, this, &EmptyCanvasHint::refresh);
    connect(document, &Document::modelReset, this, &EmptyCanvasHint::refresh);
    refresh();
}

bool EmptyCanvasHint::eventFilter(QObject *watched, QEvent *event)
{
    // Compared with the pointer kept at construction: the viewport still sends events while the
    // view is being destroyed, when the view can no longer be asked for it.
    if (watched == m_viewport && event->type() == QEvent::Resize)
        recentre();
    return QFrame::eventFilter(watched, event);
}

void EmptyCanvasHint::refresh()
{
    const ThreatModel &model = m_document->model();
    const bool empty = model.elements().empty() && model.boundaries().empty();
    setVisible(empty);
    if (empty) {
        recentre();
        raise();
    }
}

void EmptyCanvasHint::recentre()
{
    adjustSize();
    const QRect area = m_view->viewport()->geometry();
    move(area.center() - QPoint(width() / 2, height() / 2));
}

} // namespace bulkhead
