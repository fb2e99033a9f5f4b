/* ONFE - bandeau cookies et menu mobile */
(function () {
    var bar = document.getElementById('cookie-bar');
    if (bar && !localStorage.getItem('onfe_cookies')) {
        bar.classList.remove('d-none');
    }
    var accept = document.getElementById('cookie-accept');
    if (accept) {
        accept.addEventListener('click', function () {
            localStorage.setItem('onfe_cookies', '1');
            bar.classList.add('d-none');
        });
    }
    var toggler = document.querySelector('.navbar-toggler');
    if (toggler) {
        toggler.addEventListener('click', function () {
            document.getElementById('navbarResponsive').classList.toggle('show');
        });
    }
})();
