// Wagtail's page chooser, opening at the page given as startId until a page is chosen.
// Built when the widget starts, so it needs Wagtail's PageChooser only by then.
window.SectionPageChooser = function SectionPageChooser(id, opts) {
  const chooser = new window.PageChooser(id, opts);
  const modalOptions = chooser.getModalOptions.bind(chooser);
  chooser.getModalOptions = () => {
    const options = modalOptions();
    options.parentId = options.parentId || opts.startId;
    return options;
  };
  return chooser;
};
