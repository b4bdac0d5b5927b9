"""REML engines for linear mixed models with per-participant blocks (no N x N matrices).

Two models, each with exact profiled REML (beta and sigma^2 profiled out), Satterthwaite df as
lmerTest and Kenward-Roger as pbkrtest:

* :class:`SlopeModel`: random intercept and slope per participant, ``y_i = X_i beta + Z_i b_i
  + e_i`` with ``Z_i = [1, t_ij]``, ``b_i ~ N(0, sigma^2 Lambda Lambda')``, ``Lambda`` lower
  triangular (lme4's relative Cholesky factor ``theta``). With ``M_i = I + Lambda' Z_i'Z_i
  Lambda`` (2 x 2) Woodbury gives ``a' H_i^-1 b = a'b - (a'Z_i Lambda) M_i^-1 (Lambda' Z_i'b)``
  and ``log det H_i = log det M_i``: every REML piece is a sum over participants of 2 x 2
  algebra on sufficient statistics, vectorised over participants.
* :class:`NestedModel`: random intercepts for sites and for participants within sites,
  ``V = sigma^2 (I + theta_p J_participant + theta_s J_site)``, with the closed forms of the
  nested compound-symmetry inverse (two nested rank-one updates).

The REML criterion equals lme4's ``REMLcrit``: ``log det H + log det A + (N - p)(1 +
log(2 pi rss / (N - p)))`` with ``A = X'H^-1 X`` and ``rss = y'H^-1 y - b'A^-1 b``.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["SlopeModel", "NestedModel", "satterthwaite_df", "kenward_roger",
           "kenward_roger_blocks", "kenward_roger_sites"]


_ZERO_TOL = math.sqrt(np.finfo(float).eps / 7e-7)


def _richardson(a, r):
    """numDeriv's Richardson extrapolation over the columns of ``a`` (steps halving), including
    its last pass (R's ``1:(r - m)`` is ``c(1, 0)`` when ``m = r``)."""
    a = list(a)
    for m in range(1, r + 1):
        ks = range(1, r - m + 1) if r - m >= 1 else [1]
        for k in ks:
            a[k - 1] = (a[k] * 4 ** m - a[k - 1]) / (4 ** m - 1)
    return a[0]


def _hessian(f, x, d=0.1, eps=1e-4, r=4, v=2):
    """Hessian as ``numDeriv::hessian`` (``genD``, Richardson, its default settings): lmerTest
    computes the Satterthwaite df from exactly this approximation."""
    x = np.asarray(x, float)
    n = len(x)
    h0 = np.abs(d * x) + eps * (np.abs(x) < _ZERO_TOL)
    f0 = f(x)
    E = np.eye(n)
    hdiag = np.empty(n)
    for i in range(n):
        h = h0.copy()
        ha = []
        for _ in range(r):
            f1, f2 = f(x + E[i] * h), f(x - E[i] * h)
            ha.append((f1 - 2 * f0 + f2) / h[i] ** 2)
            h = h / v
        hdiag[i] = _richardson(ha, r)
    H = np.diag(hdiag)
    for i in range(n):
        for j in range(i):
            h = h0.copy()
            da = []
            for _ in range(r):
                f1 = f(x + E[i] * h + E[j] * h)
                f2 = f(x - E[i] * h - E[j] * h)
                da.append((f1 - 2 * f0 + f2 - hdiag[i] * h[i] ** 2 - hdiag[j] * h[j] ** 2)
                          / (2 * h[i] * h[j]))
                h = h / v
            H[i, j] = H[j, i] = _richardson(da, r)
    return H


def _jacobian(f, x, d=1e-4, eps=1e-4, r=4, v=2):
    """Jacobian as ``numDeriv::jacobian`` (Richardson, default settings)."""
    x = np.asarray(x, float)
    n = len(x)
    h = np.abs(d * x) + eps * (np.abs(x) < _ZERO_TOL)
    E = np.eye(n)
    a = []
    for _ in range(r):
        a.append(np.column_stack([(f(x + h * E[i]) - f(x - h * E[i])) / (2 * h[i])
                                  for i in range(n)]))
        h = h / v
    for m in range(1, r):
        a = [(a[k + 1] * 4 ** m - a[k]) / (4 ** m - 1) for k in range(r - m)]
    return a[0]


def satterthwaite_df(model, L=None):
    """Satterthwaite df of ``L beta`` as lmerTest (``contest1D``): Hessian of the REML deviance in
    the variance parameters ``(theta, sigma)``, ``A = 2 H^-1``, gradient ``g`` of ``L Cov(beta)
    L'``; ``df = 2 (L C L')^2 / (g' A g)``."""
    L = np.eye(model.p) if L is None else np.atleast_2d(L)
    vp = model.varpar()
    H = _hessian(model.deviance_vp, vp)
    try:
        A = 2 * np.linalg.inv(H)
    except np.linalg.LinAlgError:
        return np.full(L.shape[0], math.nan)

    def phi(v):
        C = model.cov_vp(v)
        return np.einsum("ij,jk,ik->i", L, C, L)

    g = _jacobian(phi, vp)
    var = phi(vp)
    denom = np.einsum("ki,ij,kj->k", g, A, g)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, 2 * var * var / denom, math.nan)


def _pad_blocks(codes, *arrays):
    """Rows grouped by ``codes`` into zero-padded blocks: returns (mask (B, n), padded arrays)."""
    codes = np.asarray(codes)
    order = np.argsort(codes, kind="stable")
    cs = codes[order]
    B = int(cs.max()) + 1
    n_i = np.bincount(cs, minlength=B)
    nmax = int(n_i.max())
    pos = np.arange(len(cs)) - np.repeat(np.concatenate([[0], np.cumsum(n_i)[:-1]]), n_i)
    mask = np.zeros((B, nmax))
    mask[cs, pos] = 1.0
    out = []
    for a in arrays:
        a = np.asarray(a, float)
        a = a.reshape(len(a), -1)
        pa = np.zeros((B, nmax, a.shape[1]))
        pa[cs, pos] = a[order]
        out.append(pa)
    return mask, out


def kenward_roger(X, Z, codes, Psi, sigma2, L=None):
    """Kenward-Roger adjusted covariance of beta and df per row of ``L`` (pbkrtest ``vcovAdj``,
    ``Lb_ddf``), for ``V_i = Z_i Psi Z_i' + sigma2 I`` per participant (``Psi`` the q x q
    covariance of the random effects, one derivative matrix per element of its lower
    triangle). Participants are padded to the largest block, so everything is batched."""
    Psi = np.atleast_2d(np.asarray(Psi, float))
    q = Psi.shape[0]
    mask, (Xp, Zp) = _pad_blocks(codes, X, np.asarray(Z, float).reshape(len(X), -1))
    Gs, gam = [], []
    for a in range(q):
        for b in range(a + 1):
            E = np.zeros((q, q))
            E[a, b] = E[b, a] = 1.0
            Gs.append(np.einsum("gaq,qr,gbr->gab", Zp, E, Zp))
            gam.append(Psi[a, b])
    Gs.append(mask[:, :, None] * np.eye(mask.shape[1])[None])
    gam.append(sigma2)
    return kenward_roger_blocks(Xp, Gs, np.array(gam), L)


def kenward_roger_blocks(Xp, Gs, gammas, L=None):
    """Kenward-Roger for a block-diagonal ``V = sum_k gamma_k G_k`` (blocks padded with zero
    rows; the residual matrix must be the mask of real rows). Returns ``(Phi_A, df)`` as
    pbkrtest's ``vcovAdj`` and ``Lb_ddf`` (one df per row of ``L``)."""
    p = Xp.shape[2]
    eye = np.eye(Xp.shape[1])[None]
    pad = 1.0 - np.diagonal(Gs[-1], axis1=1, axis2=2)             # padded rows: V = I there
    V = sum(g * G for g, G in zip(gammas, Gs)) + pad[:, :, None] * eye
    Vinv = np.linalg.inv(V)
    K = len(Gs)
    T = Vinv @ Xp                                              # (B, n, p)
    Hs = [Gk @ Vinv for Gk in Gs]
    Os = [Hk @ Xp for Hk in Hs]
    P = [-np.einsum("gnp,gnr->pr", O, T) for O in Os]
    Q = {}
    for r in range(K):
        VO = Vinv @ Os[r]
        for s in range(r, K):
            Q[r, s] = np.einsum("gnp,gnr->pr", VO, Os[s])
    Ktr = np.empty((K, K))
    for r in range(K):
        for s in range(r, K):
            Ktr[r, s] = Ktr[s, r] = float(np.einsum("gab,gba->", Hs[r], Hs[s]))
    A = np.einsum("gnp,gnr->pr", Xp, T)
    Phi = np.linalg.inv(A)
    IE2 = np.empty((K, K))
    for r in range(K):
        for s in range(r, K):
            IE2[r, s] = IE2[s, r] = (Ktr[r, s] - 2 * float(np.sum(Phi * Q[r, s]))
                                     + float(np.sum((Phi @ P[r]) * (P[s] @ Phi))))
    W = 2 * (np.linalg.inv(IE2) if np.min(np.abs(np.linalg.eigvalsh(IE2))) > 1e-10
             else np.linalg.pinv(IE2))
    U = np.zeros((p, p))
    for r in range(K):
        for s in range(r, K):
            term = W[r, s] * (Q[r, s] - P[r] @ Phi @ P[s])
            U += term if r == s else term + term.T
    PhiA = Phi + 2 * Phi @ U @ Phi
    L = np.eye(p) if L is None else np.atleast_2d(L)
    dfs = []
    for ell in L:
        ell = ell[None, :]
        Theta = ell.T @ np.linalg.solve(ell @ Phi @ ell.T, ell)
        ThV = Theta @ Phi
        A1 = A2 = 0.0
        for r in range(K):
            ur = ThV @ P[r] @ Phi
            for s in range(r, K):
                e = 1 if r == s else 2
                us = ThV @ P[s] @ Phi
                A1 += e * W[r, s] * np.trace(ur) * np.trace(us)
                A2 += e * W[r, s] * float(np.sum(ur * us.T))
        qq = 1
        B = (A1 + 6 * A2) / (2 * qq)
        g = ((qq + 1) * A1 - (qq + 4) * A2) / ((qq + 2) * A2)
        c1 = g / (3 * qq + 2 * (1 - g))
        c2 = (qq - g) / (3 * qq + 2 * (1 - g))
        c3 = (qq + 2 - g) / (3 * qq + 2 * (1 - g))
        v0 = 1 + c1 * B
        v1 = 1 - c2 * B
        v2 = 1 - c3 * B
        v0 = 0.0 if abs(v0) < 1e-10 else v0
        rho = ((1 - A2 / qq) / v1) ** 2 * v0 / v2 / qq if v1 != 0 else math.inf
        dfs.append(4 + (qq + 2) / (qq * rho - 1))
    return PhiA, np.array(dfs)


def kenward_roger_sites(X, participant_codes, site_codes, wave_codes, tau2_participant,
                        tau2_site, tau2_site_wave, sigma2, L=None):
    """Kenward-Roger for the site-level model (blocks = sites): derivative matrices for the
    participant, site and site x wave variances and the residual (pbkrtest's G matrices)."""
    pc = np.asarray(participant_codes, float)
    wc = np.asarray(wave_codes, float)
    mask, (Xp, Pp, Wp) = _pad_blocks(site_codes, X, pc, wc)
    same_p = (Pp[:, :, 0][:, :, None] == Pp[:, :, 0][:, None, :])
    same_w = (Wp[:, :, 0][:, :, None] == Wp[:, :, 0][:, None, :])
    real = mask[:, :, None] * mask[:, None, :]
    Gs = [same_p * real, real, same_w * real,
          mask[:, :, None] * np.eye(mask.shape[1])[None]]
    gam = np.array([tau2_participant, tau2_site, tau2_site_wave, sigma2])
    return kenward_roger_blocks(Xp, Gs, gam, L)



def _profiled_reml(model, theta) -> float:
    """-2 x the REML log-likelihood profiled over beta and sigma (lme4's REML criterion) from a
    model's ``pieces(theta)`` = (X'V^-1X scaled, X'V^-1y, y'V^-1y, log|V| part); inf where the
    fit is not positive definite."""
    try:
        A, b, yWy, ld = model.pieces(theta)
        Lc = np.linalg.cholesky(A)
    except np.linalg.LinAlgError:
        return math.inf
    beta = np.linalg.solve(A, b)
    rss = yWy - float(b @ beta)
    if not rss > 0:
        return math.inf
    k = model.N - model.p
    return ld + 2 * float(np.log(np.diag(Lc)).sum()) + k * (1 + math.log(2 * math.pi * rss / k))

class _VarparMixin:
    """What :func:`satterthwaite_df` asks of a model whose ``pieces(theta)`` give
    ``A, b, yWy, logdet``: lmerTest's parametrisation ``(theta, sigma)``, the REML deviance and
    the fixed effects' covariance in it."""

    @staticmethod
    def _theta(theta):
        return np.asarray(theta)

    def varpar(self):
        return np.concatenate([self.theta, [math.sqrt(self.sigma2)]])

    def deviance_vp(self, vp):
        theta, sigma2 = self._theta(vp[:-1]), vp[-1] ** 2
        A, b, yWy, ld = self.pieces(theta)
        beta = np.linalg.solve(A, b)
        pwrss = yWy - float(b @ beta)
        _, lda = np.linalg.slogdet(A)
        return ld + pwrss / sigma2 + (self.N - self.p) * math.log(2 * math.pi * sigma2) + lda

    def cov_vp(self, vp):
        A = self.pieces(self._theta(vp[:-1]))[0]
        return vp[-1] ** 2 * np.linalg.inv(A)


class SlopeModel(_VarparMixin):
    """Random intercept and slope per participant (see the module docstring)."""

    def __init__(self, y, X, time, codes):
        self.y = np.asarray(y, float)
        self.X = np.asarray(X, float)
        self.time = np.asarray(time, float)
        self.codes = np.asarray(codes)
        self.N, self.p = self.X.shape
        G = self.G = int(self.codes.max()) + 1
        c, t, y, X = self.codes, self.time, self.y, self.X
        n = np.bincount(c, minlength=G).astype(float)
        st = np.bincount(c, t, G)
        stt = np.bincount(c, t * t, G)
        ZZ = np.stack([np.stack([n, st], -1), np.stack([st, stt], -1)], 1)        # (G,2,2)
        ZX = np.stack([np.column_stack([np.bincount(c, X[:, j], G) for j in range(self.p)]),
                       np.column_stack([np.bincount(c, t * X[:, j], G)
                                        for j in range(self.p)])], 1)            # (G,2,p)
        Zy = np.column_stack([np.bincount(c, y, G), np.bincount(c, t * y, G)])   # (G,2)
        # Participants with the same Z'Z and Z'X (same waves observed, same arm) share M_i and
        # Lambda'Z'X: aggregate them once, so one evaluation costs O(patterns), not O(N).
        keys = np.concatenate([ZZ.reshape(G, -1), ZX.reshape(G, -1)], axis=1)
        _, first, pat = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        pat = pat.ravel()
        K = len(first)
        self.count = np.bincount(pat, minlength=K).astype(float)
        self.ZZ, self.ZX = ZZ[first], ZX[first]
        self.Zy = np.column_stack([np.bincount(pat, Zy[:, a], K) for a in range(2)])
        self.ZyZy = np.stack([np.stack([np.bincount(pat, Zy[:, a] * Zy[:, b], K)
                                        for b in range(2)], -1) for a in range(2)], 1)
        self.XtX = X.T @ X
        self.Xty = X.T @ y
        self.yty = float(y @ y)

    @staticmethod
    def lam(theta):
        return np.array([[theta[0], 0.0], [theta[1], theta[2]]])

    def pieces(self, theta):
        Lam = self.lam(theta)
        M = np.einsum("ab,gac,cd->gbd", Lam, self.ZZ, Lam)
        M[:, 0, 0] += 1
        M[:, 1, 1] += 1
        det = M[:, 0, 0] * M[:, 1, 1] - M[:, 0, 1] * M[:, 1, 0]
        Minv = np.empty_like(M)
        Minv[:, 0, 0] = M[:, 1, 1] / det
        Minv[:, 1, 1] = M[:, 0, 0] / det
        Minv[:, 0, 1] = -M[:, 0, 1] / det
        Minv[:, 1, 0] = -M[:, 1, 0] / det
        U = np.einsum("ab,gap->gbp", Lam, self.ZX)                # Lambda' Z'X per pattern
        u = self.Zy @ Lam                                          # Lambda' sum Z'y
        MU = np.einsum("gab,gbp->gap", Minv, U)
        A = self.XtX - np.einsum("g,gap,gar->pr", self.count, U, MU)
        b = self.Xty - np.einsum("gap,ga->p", MU, u)
        S = np.einsum("ab,gac,cd->gbd", Lam, self.ZyZy, Lam)      # Lambda' sum Z'y y'Z Lambda
        yWy = self.yty - float(np.einsum("gab,gba->", Minv, S))
        return A, b, yWy, float((self.count * np.log(det)).sum())

    def profiled(self, theta):
        return _profiled_reml(self, theta)

    def fit(self):
        from scipy.optimize import minimize

        # Nelder-Mead on (|l11|, l21, |l22|) (the bounds of lme4's theta by reflection), from
        # lme4's start (Lambda = I); an evaluation costs O(patterns), so 500 of them are cheap.
        f = lambda th: self.profiled([abs(th[0]), th[1], abs(th[2])])  # noqa: E731
        res = minimize(f, [1.0, 0.0, 1.0], method="Nelder-Mead",
                       options={"xatol": 1e-9, "fatol": 1e-12, "maxfev": 3000})
        res2 = minimize(f, res.x, method="Nelder-Mead",               # restart: NM can stall
                        options={"xatol": 1e-9, "fatol": 1e-12, "maxfev": 1500})
        best = res2 if res2.fun <= res.fun else res
        # polished within lme4's bounds (theta_11, theta_22 >= 0) by a quasi-Newton step: at
        # 1,000 participants Nelder-Mead stops at its evaluation budget a hair from the optimum
        start = np.array([abs(best.x[0]), best.x[1], abs(best.x[2])])
        polish = minimize(self.profiled, start, method="L-BFGS-B",
                          bounds=[(0, None), (None, None), (0, None)],
                          options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 500})
        theta = polish.x if polish.fun <= best.fun else start
        fun = min(polish.fun, best.fun)
        self.theta = theta
        # converged: either optimiser says so, or both agree on the criterion (to 1e-7)
        self.converged = bool(best.success or polish.success
                              or abs(polish.fun - best.fun) < 1e-7 * max(1.0, abs(fun)))
        A, b, yWy, ldm = self.pieces(theta)
        self.A = A
        self.beta = np.linalg.solve(A, b)
        k = self.N - self.p
        self.rss = yWy - float(b @ self.beta)
        self.sigma2 = self.rss / k
        self.reml = self.profiled(theta)
        Lam = self.lam(theta)
        self.Psi = self.sigma2 * Lam @ Lam.T                       # covariance of (b0, b1)
        self.cov = self.sigma2 * np.linalg.inv(A)
        # lme4's isSingular: a diagonal element of Lambda at (or next to) its bound of 0
        self.singular = bool(theta[0] < 1e-4 or theta[2] < 1e-4)
        return self


class NestedModel(_VarparMixin):
    """Participants within sites: ``(1 | site) + (1 | site:wave) + (1 | site:participant)``.

    ``V / sigma^2 = D + Z Lambda Lambda' Z'`` with ``D`` the participants' compound symmetry
    (``I + theta_p J`` per participant, inverted in closed form) and ``Z`` the site design
    (a site intercept and one column per site x wave cell), ``Lambda = diag(s_site, s_sw, ...,
    s_sw)``. Woodbury per site on sums of per-participant statistics: no N x N matrix. With
    ``site_wave=False`` only the site intercept (``(1 | site) + (1 | site:participant)``).
    """

    def __init__(self, y, X, participant_codes, site_codes, wave_codes=None, site_wave=True):
        y = self.y = np.asarray(y, float)
        X = self.X = np.asarray(X, float)
        pc = np.asarray(participant_codes)
        sc = np.asarray(site_codes)
        self.N, self.p = X.shape
        G = int(pc.max()) + 1
        self.S = int(sc.max()) + 1
        self.site_of = np.zeros(G, dtype=int)
        self.site_of[pc] = sc
        # Z = [1, one indicator column per wave]: its sums are counts per participant, site
        # and site x wave cell, and its products with X and y are X and y summed per cell.
        # Those are taken with one bincount per column over the (site, wave) cells: the same
        # addends in the same order as the column products summed per site (whose other
        # addends are zeros), so the same numbers, without forming the N x q products.
        wc = np.asarray(wave_codes) if site_wave and wave_codes is not None else None
        W = int(wc.max()) + 1 if wc is not None else 0
        self.site_wave = W > 0
        self.q = 1 + W
        bc = lambda v: np.bincount(pc, v, G)  # noqa: E731
        n = np.bincount(pc, minlength=G).astype(float)
        SX = np.column_stack([bc(X[:, j]) for j in range(self.p)])            # (G, p)
        Sy = bc(y)
        Z1 = n[:, None]                                                       # (G, q)
        if W:
            Z1 = np.column_stack([n, np.bincount(pc * W + wc, minlength=G * W)
                                  .reshape(G, W).astype(float)])
        # c_i = theta / (1 + n_i theta) depends on n_i only: sum everything once per
        # (number of observations, site), so an evaluation costs O(sites x distinct n).
        ns, nk = np.unique(n, return_inverse=True)
        nk = nk.ravel()
        K, S = len(ns), self.S
        cell = nk * S + self.site_of
        cs = lambda v: np.bincount(cell, v, K * S).reshape(K, S)  # noqa: E731
        self.ns = ns
        self.n_count = np.bincount(nk, minlength=K).astype(float)
        self.Q11 = np.stack([np.stack([cs(Z1[:, a] * Z1[:, b]) for b in range(self.q)], -1)
                             for a in range(self.q)], 2)                       # (K, S, q, q)
        self.Q1X = np.stack([np.stack([cs(Z1[:, a] * SX[:, j]) for j in range(self.p)], -1)
                             for a in range(self.q)], 2)                       # (K, S, q, p)
        self.Q1y = np.stack([cs(Z1[:, a] * Sy) for a in range(self.q)], -1)    # (K, S, q)
        gk = lambda v: np.bincount(nk, v, K)  # noqa: E731
        self.GXX = np.stack([np.stack([gk(SX[:, i] * SX[:, j]) for j in range(self.p)], -1)
                             for i in range(self.p)], 1)                       # (K, p, p)
        self.GXy = np.stack([gk(SX[:, j] * Sy) for j in range(self.p)], -1)   # (K, p)
        self.Gyy = gk(Sy * Sy)                                                 # (K,)
        ssum = lambda v: np.bincount(sc, v, S)  # noqa: E731
        n_site = np.bincount(sc, minlength=S).astype(float)
        ZZ = np.zeros((S, self.q, self.q))                                     # (S, q, q)
        ZZ[:, 0, 0] = n_site
        ZX = np.empty((S, self.q, self.p))                                     # (S, q, p)
        ZX[:, 0, :] = np.column_stack([ssum(X[:, j]) for j in range(self.p)])
        Zy = np.empty((S, self.q))                                             # (S, q)
        Zy[:, 0] = ssum(y)
        if W:
            sw = sc * W + wc
            wsum = lambda v: np.bincount(sw, v, S * W).reshape(S, W)  # noqa: E731
            n_sw = np.bincount(sw, minlength=S * W).reshape(S, W).astype(float)
            ZZ[:, 0, 1:] = ZZ[:, 1:, 0] = n_sw
            ZZ[:, np.arange(1, self.q), np.arange(1, self.q)] = n_sw
            for j in range(self.p):
                ZX[:, 1:, j] = wsum(X[:, j])
            Zy[:, 1:] = wsum(y)
        self.ZZs, self.ZXs, self.Zys = ZZ, ZX, Zy
        self.XtX = X.T @ X
        self.Xty = X.T @ y
        self.yty = float(y @ y)

    def pieces(self, theta):
        sp, ss = theta[0], theta[1]
        ssw = theta[2] if self.site_wave else 0.0
        tp = sp * sp
        d = 1 + self.ns * tp
        c = tp / d
        A = self.XtX - np.einsum("k,kpr->pr", c, self.GXX)
        b = self.Xty - c @ self.GXy
        yWy = self.yty - float(c @ self.Gyy)
        ld = float(self.n_count @ np.log(d))
        lam = np.array([ss] + [ssw] * (self.q - 1))
        if np.any(lam > 0):
            B = self.ZZs - np.einsum("k,ksab->sab", c, self.Q11)
            C = self.ZXs - np.einsum("k,ksap->sap", c, self.Q1X)
            e = self.Zys - np.einsum("k,ksa->sa", c, self.Q1y)
            M = lam[None, :, None] * B * lam[None, None, :] + np.eye(self.q)[None]
            LC = lam[None, :, None] * C
            Le = lam[None, :] * e
            MinvLC = np.linalg.solve(M, LC)
            MinvLe = np.linalg.solve(M, Le[:, :, None])[:, :, 0]
            A = A - np.einsum("sap,sar->pr", LC, MinvLC)
            b = b - np.einsum("sap,sa->p", LC, MinvLe)
            yWy -= float(np.einsum("sa,sa->", Le, MinvLe))
            ld += float(np.linalg.slogdet(M)[1].sum())
        return A, b, yWy, ld

    def profiled(self, theta):
        return _profiled_reml(self, np.abs(theta))

    def fit(self, polish=True):
        from scipy.optimize import minimize

        k = 3 if self.site_wave else 2
        # quasi-Newton within the bounds (theta >= 0), then a short simplex polish
        import warnings

        with warnings.catch_warnings():        # inf - inf in finite differences at a bound
            warnings.simplefilter("ignore", RuntimeWarning)
            best = minimize(self.profiled, [1.0, 0.5, 0.5][:k], method="L-BFGS-B",
                            bounds=[(0, None)] * k, options={"ftol": 1e-14, "gtol": 1e-9})
        if polish:
            res = minimize(self.profiled, best.x, method="Nelder-Mead",
                           options={"xatol": 1e-9, "fatol": 1e-12, "maxfev": 800})
            if res.fun < best.fun:
                best = res
        s = np.abs(best.x)
        self.theta = s
        self.converged = bool(best.success)
        A, b, yWy, ld = self.pieces(s)
        self.A = A
        self.beta = np.linalg.solve(A, b)
        n_p = self.N - self.p
        self.sigma2 = (yWy - float(b @ self.beta)) / n_p
        self.reml = self.profiled(s)
        self.tau2_participant = self.sigma2 * s[0] ** 2
        self.tau2_site = self.sigma2 * s[1] ** 2
        self.tau2_site_wave = self.sigma2 * s[2] ** 2 if self.site_wave else None
        self.cov = self.sigma2 * np.linalg.inv(A)
        self.singular = bool(np.any(s < 1e-4))
        return self

    @staticmethod
    def _theta(theta):
        return np.abs(np.asarray(theta))      # scale factors: their sign does not matter
