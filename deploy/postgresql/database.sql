-- An Égide database owned by the owner's role (roles.sql), as a superuser:
--   psql -v owner=egide_owner -v platform=egide -v database=egide -f deploy/postgresql/database.sql
-- For a restore, the same with a new database name: `egide restore` loads into an empty one.
CREATE DATABASE :"database" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"platform";
\connect :"database"
-- Only the owner creates objects in the schema (PostgreSQL 14 and older let everyone).
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"platform";
