/**
 * Finds users by login or login shortname in O(1), the way `GET /api/v1/users/{idOrLogin}` does.
 * Okta treats logins that differ only in case or diacritical marks as the same login, so keys are folded.
 */
export class LoginIndex {
    private readonly byLogin = new Map<string, string>();
    /** Shortname (the part before "@") -> ids of the users that have it; only an unambiguous one resolves. */
    private readonly byShortName = new Map<string, Set<string>>();

    add(userId: string, login: string): void {
        this.byLogin.set(foldLogin(login), userId);
        const short = shortNameOf(login);
        if (short !== undefined) {
            let ids = this.byShortName.get(short);
            if (!ids) {
                ids = new Set();
                this.byShortName.set(short, ids);
            }
            ids.add(userId);
        }
    }

    remove(userId: string, login: string): void {
        const key = foldLogin(login);
        if (this.byLogin.get(key) === userId) {
            this.byLogin.delete(key);
        }
        const short = shortNameOf(login);
        if (short !== undefined) {
            const ids = this.byShortName.get(short);
            ids?.delete(userId);
            if (ids?.size === 0) {
                this.byShortName.delete(short);
            }
        }
    }

    /** The id of the user holding this login (any case or diacritics), if any. */
    idOfLogin(login: string): string | undefined {
        return this.byLogin.get(foldLogin(login));
    }

    /** The id for a login or an unambiguous shortname. */
    resolve(loginOrShortName: string): string | undefined {
        const exact = this.idOfLogin(loginOrShortName);
        if (exact !== undefined) {
            return exact;
        }
        const ids = this.byShortName.get(foldLogin(loginOrShortName));
        return ids?.size === 1 ? ids.values().next().value : undefined;
    }
}

/** Case- and diacritic-insensitive form of a login. */
export function foldLogin(login: string): string {
    return login.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

function shortNameOf(login: string): string | undefined {
    const at = login.indexOf("@");
    return at > 0 ? foldLogin(login.slice(0, at)) : undefined;
}
