// Submits the method=POST form as soon as the page loads; the button remains for no-JS users.
document.getElementById('cas-post').submit();
