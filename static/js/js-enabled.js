// Marks the page as scripted before it is drawn. Without JavaScript the USWDS mobile menu button
// could not open anything, so site.css shows the navigation in place of it until this class is set.
document.documentElement.classList.add("kb-js");
